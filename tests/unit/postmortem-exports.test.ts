import { describe, expect, it } from 'vitest';
import type { PostmortemDocument } from '../../src/lib/postmortems/document';
import { cell, toMarkdown } from '../../src/lib/postmortems/markdown';
import { toPrintHtml } from '../../src/lib/postmortems/print';
import { computeFigures } from '../../src/lib/postmortems/report';
import { at, figureInput, FORMAT, ran, timeline } from './postmortem-fixtures';

function documentOf(mode: 'real' | 'drill'): PostmortemDocument {
	const { events, add } = timeline();
	add('incident.declared', 8);
	add('incident.status_changed', 120, { from: 'monitoring', to: 'resolved' });
	const input = figureInput({
		events,
		run: { startedAt: at(8), steps: [ran('Restore | db01', 8, 100, { plannedMinutes: 60 })] }
	});
	return {
		incident: {
			id: 'incident-1',
			title: 'Payment pages down',
			severity: 'SEV2',
			mode,
			status: 'resolved',
			summary: '',
			commanderName: 'Claire Martin',
			organizations: ['Petit Nuage', 'Rempart Hosting'],
			detectedAt: at(0),
			declaredAt: at(8),
			resolvedAt: at(120),
			timezone: 'Europe/Paris',
			templateName: null
		},
		status: 'draft',
		publication: null,
		...FORMAT,
		generatedAt: at(200),
		figures: computeFigures(input, FORMAT),
		keyEvents: [],
		affected: [],
		sections: [
			{
				key: 'root_cause',
				body: 'A **second** disk failed.',
				version: 2,
				updatedAt: at(300),
				updatedByName: 'Julien'
			},
			{
				key: 'summary',
				body: '<img src=x onerror=alert(1)>',
				version: 1,
				updatedAt: at(300),
				updatedByName: null
			}
		],
		actionItems: [
			{
				id: 'a1',
				title: 'Alert on RAID | degradation',
				ownerId: 'u1',
				ownerName: 'Marc Lefèvre',
				ownerOrganizationName: 'Rempart Hosting',
				dueOn: '2025-12-01',
				status: 'open',
				version: 1
			}
		],
		chartSvg: '<svg xmlns="http://www.w3.org/2000/svg"><text>é</text></svg>'
	};
}

describe('the Markdown export', () => {
	it('writes the figures, sections and action items as tables a wiki takes as is', () => {
		const markdown = toMarkdown(documentOf('real'));
		expect(markdown).toMatch(/^# Post-mortem: Payment pages down\n/);
		expect(markdown).toContain('| Time to recover | 2 h |');
		expect(markdown).toContain('| Time to declare | 8 min |');
		expect(markdown).toContain('## Root cause\n\nA **second** disk failed.');
		expect(markdown).toContain(
			'| Alert on RAID \\| degradation | Marc Lefèvre (Rempart Hosting) | 2025-12-01 | Open |'
		);
		expect(markdown).toContain('| ◆ Restore \\| db01 | 1 h | 1 h 32 | +32 min |');
		const [, encoded] =
			/\[timeline-chart\]: data:image\/svg\+xml;base64,(\S+)\n$/.exec(markdown) ?? [];
		expect(
			new TextDecoder().decode(Uint8Array.from(atob(encoded ?? ''), (c) => c.charCodeAt(0)))
		).toContain('é');
		expect(markdown).not.toContain('DRILL');
	});

	it('marks a drill in its title and right under it', () => {
		const markdown = toMarkdown(documentOf('drill'));
		expect(markdown).toMatch(/^# \[DRILL\] Post-mortem: Payment pages down\n\n> ⚑ \*\*DRILL\*\*/);
	});

	it('keeps table cells on one line', () => {
		expect(cell('two\nlines | and a pipe')).toBe('two lines \\| and a pipe');
	});
});

describe('the printable page', () => {
	it('is one self-contained A4 document with the chart inline and no raw HTML from sections', () => {
		const html = toPrintHtml(documentOf('real'), '/incidents/incident-1/postmortem');
		expect(html).toMatch(/^<!doctype html>/);
		expect(html).toContain('@page { size: A4');
		expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg">');
		expect(html).toContain('<strong>second</strong>');
		expect(html).not.toContain('<img src=x');
		expect(html).not.toContain('⚑ DRILL');
	});

	it('says DRILL at the top of the document and of every printed page', () => {
		const html = toPrintHtml(documentOf('drill'), '/back');
		expect(html).toContain('@top-center { content: "⚑ DRILL"');
		expect(html).toContain('<div class="drill">⚑ DRILL');
	});
});
