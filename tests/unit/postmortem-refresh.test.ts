import { describe, expect, it } from 'vitest';
import { mergeSection, planRefresh } from '../../src/lib/postmortems/refresh';

const text = (...lines: string[]) => lines.join('\n');

describe('refreshing a section from the timeline', () => {
	it('replaces an untouched section with what the record gives now', () => {
		const base = text('- 05:15 detected', '- 22:23 resolved');
		const theirs = text('- 05:15 detected', '- 08:40 cause found', '- 22:23 resolved');
		const merged = mergeSection('timeline', base, base, theirs);
		expect(merged.body).toBe(theirs);
		expect(merged.changes).toEqual([
			{ key: 'timeline', kind: 'added', text: '- 08:40 cause found' }
		]);
	});

	it('keeps every line people added, and places new entries next to their neighbours', () => {
		const base = text('- 05:15 detected', '- 22:23 resolved');
		const ours = text(
			'Context written by hand.',
			'- 05:15 detected',
			'  (paged twice)',
			'- 22:23 resolved',
			'Written after.'
		);
		const theirs = text('- 05:15 detected', '- 08:40 cause found', '- 22:23 resolved');
		expect(mergeSection('timeline', base, ours, theirs).body).toBe(
			text(
				'Context written by hand.',
				'- 05:15 detected',
				'  (paged twice)',
				'- 08:40 cause found',
				'- 22:23 resolved',
				'Written after.'
			)
		);
	});

	it('removes a generated line the record no longer gives, unless someone rewrote it', () => {
		const base = text('Downtime: 2 h', '- db01 (critical)');
		const theirs = text('Downtime: 3 h', '- db01 (critical)');
		const untouched = mergeSection('impact', base, base, theirs);
		expect(untouched.body).toBe(theirs);
		expect(untouched.changes).toEqual([
			{ key: 'impact', kind: 'changed', text: 'Downtime: 3 h', before: 'Downtime: 2 h' }
		]);
		const rewritten = text('Downtime: about 2 h (our estimate)', '- db01 (critical)');
		const kept = mergeSection('impact', base, rewritten, theirs);
		expect(kept.body).toBe(rewritten);
		expect(kept.changes).toEqual([{ key: 'impact', kind: 'kept', text: 'Downtime: 3 h' }]);
	});

	it('without a base, adds the missing lines and removes nothing', () => {
		const ours = text('- 05:15 detected', 'A line of ours', '- 22:23 resolved');
		const theirs = text('- 05:15 detected', '- 08:40 cause found', '- 22:23 resolved');
		expect(mergeSection('timeline', null, ours, theirs).body).toBe(
			text('- 05:15 detected', 'A line of ours', '- 08:40 cause found', '- 22:23 resolved')
		);
	});

	it('into an emptied section, writes the record again', () => {
		const theirs = text('- 05:15 detected');
		expect(mergeSection('timeline', '', '', theirs).body).toBe(theirs);
	});

	it('changes nothing a second time', () => {
		const drafted = {
			summary: 'S',
			impact: 'I',
			timeline: text('- a', '- b'),
			root_cause: '',
			went_well: '',
			went_badly: ''
		};
		const first = planRefresh(
			[
				{ key: 'timeline', body: text('mine', '- a'), generated: '- a' },
				{ key: 'root_cause', body: 'Ours entirely', generated: '' }
			],
			drafted
		);
		expect(first.counts).toEqual({ added: 1, removed: 0, changed: 0, kept: 0 });
		expect(first.sections.map((s) => [s.key, s.body])).toEqual([
			['timeline', text('mine', '- a', '- b')]
		]);
		const again = planRefresh(
			first.sections.map((s) => ({ key: s.key, body: s.body, generated: s.generated })),
			drafted
		);
		expect(again.sections).toEqual([]);
		expect(again.counts).toEqual({ added: 0, removed: 0, changed: 0, kept: 0 });
	});
});
