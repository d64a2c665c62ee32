import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import NightChart from '../../src/lib/postmortems/NightChart.svelte';
import { nightChartLayout } from '../../src/lib/postmortems/night-chart';
import {
	isDirty,
	keepMine,
	openEditor,
	receive,
	saved,
	takeTheirs,
	type
} from '../../src/lib/postmortems/editing';
import { keyEvents, timelineEntries } from '../../src/lib/postmortems/key-events';
import { canMovePostmortem, isOverdue } from '../../src/lib/postmortems/sections';
import { stepVariances } from '../../src/lib/postmortems/slippage';
import { at, figureInput, ran, timeline } from './postmortem-fixtures';

const v = (version: number, body: string, byName = 'Julien') => ({ version, body, byName });

describe('a section editor', () => {
	it('takes a newer version at once while nothing is typed', () => {
		const editor = receive(openEditor(v(1, 'draft')), v(2, 'theirs'));
		expect(editor).toEqual({ base: v(2, 'theirs'), draft: null, incoming: null });
	});

	it('keeps typed text and shows the newer version as a conflict instead of overwriting', () => {
		const typing = type(openEditor(v(1, 'draft')), 'mine');
		const editor = receive(typing, v(2, 'theirs'));
		expect(editor.draft).toBe('mine');
		expect(editor.base.version).toBe(1);
		expect(editor.incoming).toEqual(v(2, 'theirs'));
	});

	it('ignores a version it already has, and its own save coming back live', () => {
		const editor = type(openEditor(v(3, 'base')), 'mine');
		expect(receive(editor, v(3, 'base'))).toBe(editor);
		expect(receive(editor, v(4, 'mine'))).toEqual(openEditor(v(4, 'mine')));
	});

	it('resolves a conflict either way, knowingly', () => {
		const conflict = receive(type(openEditor(v(1, 'a')), 'mine'), v(2, 'theirs'));
		expect(takeTheirs(conflict)).toEqual(openEditor(v(2, 'theirs')));
		const kept = keepMine(conflict, 'mine + theirs');
		expect(kept).toEqual({ base: v(2, 'theirs'), draft: 'mine + theirs', incoming: null });
		expect(isDirty(kept)).toBe(true);
	});

	it('lets a newer save by someone else win over our own older one', () => {
		const conflict = receive(type(openEditor(v(1, 'a')), 'mine'), v(3, 'later'));
		expect(saved(conflict, v(2, 'mine', 'Claire')).base).toEqual(v(3, 'later'));
		expect(saved(type(openEditor(v(1, 'a')), 'mine'), v(2, 'mine')).draft).toBeNull();
	});
});

describe('the post-mortem lifecycle', () => {
	it('goes draft ⇄ in review → published, and back to draft only as a revision', () => {
		expect(canMovePostmortem('draft', 'in_review')).toBe(true);
		expect(canMovePostmortem('draft', 'published')).toBe(false);
		expect(canMovePostmortem('in_review', 'published')).toBe(true);
		expect(canMovePostmortem('in_review', 'draft')).toBe(true);
		expect(canMovePostmortem('published', 'in_review')).toBe(false);
		expect(canMovePostmortem('published', 'draft')).toBe(true);
	});

	it('calls an action item overdue only while still to do and past its date', () => {
		expect(isOverdue({ dueOn: '2025-11-20', status: 'open' }, '2025-11-21')).toBe(true);
		expect(isOverdue({ dueOn: '2025-11-21', status: 'open' }, '2025-11-21')).toBe(false);
		expect(isOverdue({ dueOn: '2025-11-20', status: 'done' }, '2025-11-21')).toBe(false);
	});
});

describe('key events', () => {
	it('lists pinned events first, then status changes and runbook milestones in time order', () => {
		const { events, add } = timeline();
		add('incident.declared', 8, { severity: 'SEV1', title: 'Shop down' });
		add('step.done', 40, { stepId: 'b', title: 'b' });
		add('step.done', 20, { stepId: 'a', title: 'a' });
		add('timeline.note', 30, { text: 'Unimportant' });
		add('incident.status_changed', 25, { from: 'investigating', to: 'identified' });
		const decision = add('timeline.decision', 60, { text: 'Restore' }, { pinned: true });
		add('step.blocked', 35, { stepId: 'c', title: 'c', reason: 'RAID' });
		const steps = [
			ran('a', 10, 20, { phase: 'Mobilise' }),
			ran('b', 20, 40, { phase: 'Mobilise' }),
			ran('c', 30, 50, { phase: 'Rebuild', state: 'in_progress', endedAt: null })
		];
		const keys = keyEvents(figureInput({ events, run: { startedAt: at(0), steps } }));
		expect(keys.map((k) => [k.seq, k.reason])).toEqual([
			[decision.seq, 'pinned'],
			[1, 'status'],
			[5, 'status'],
			[7, 'milestone'],
			[2, 'milestone']
		]);
		expect(keys.at(-1)?.text).toMatch(/^Phase “Mobilise” complete/);
	});

	it('the Timeline section lists every note, decision, milestone and status change; pins only mark', () => {
		const { events, add } = timeline();
		add('incident.declared', 8, { severity: 'SEV1', title: 'Shop down' });
		add('timeline.note', 30, { text: 'Customers report errors' });
		add('milestone.identified', 28, { milestone: 'identified', previous: null, reason: null });
		add('incident.status_changed', 25, { from: 'investigating', to: 'identified' });
		const decision = add('timeline.decision', 60, { text: 'Restore' }, { pinned: true });
		add('timeline.note', 5, { text: 'Noticed before the declaration' });
		add('inventory.linked', 9, { itemId: 'i', hostname: 'db01' });
		const input = figureInput({ events });
		expect(timelineEntries(input).map((k) => [k.seq, k.reason])).toEqual([
			[6, 'note'],
			[1, 'status'],
			[4, 'status'],
			[3, 'milestone'],
			[2, 'note'],
			[decision.seq, 'pinned']
		]);
		// The chart's key events leave unpinned notes out, and keep the milestone.
		expect(keyEvents(input).map((k) => k.seq)).toEqual([decision.seq, 1, 4, 3]);
	});
});

describe('the timeline chart', () => {
	it('escapes every text it draws and marks a drill', () => {
		const steps = stepVariances(
			figureInput({
				run: { startedAt: at(0), steps: [ran('<script>', 0, 30, { plannedMinutes: 10 })] }
			})
		);
		const data = {
			detectedAt: at(0),
			resolvedAt: at(60),
			impactStart: at(-10),
			now: Date.parse(at(90)),
			statusChanges: [{ occurredAt: at(20), to: 'mitigating' }],
			keyEvents: [],
			steps,
			drill: true,
			timezone: 'Europe/Paris',
			locale: 'en'
		};
		const svg = render(NightChart, { props: { data } }).body;
		expect(svg).not.toContain('<script>');
		expect(svg).toContain('&lt;script>');
		expect(svg).toContain('+20 min');
		expect(svg).toContain('DRILL');
	});

	it('of a night back-dated six years dates its axis with the year and keeps a burst of events apart', () => {
		const start = Date.parse('2020-03-14T04:15:00Z');
		const iso = (minutes: number) => new Date(start + minutes * 60_000).toISOString();
		const layout = nightChartLayout({
			detectedAt: iso(0),
			resolvedAt: iso(17 * 60 + 8),
			impactStart: null,
			now: Date.parse('2026-12-01T22:00:00Z'),
			statusChanges: [{ occurredAt: iso(17 * 60 + 8), to: 'resolved' }],
			// Twelve key events within two minutes, as a busy start of the night gives.
			keyEvents: Array.from({ length: 12 }, (_, i) => ({
				seq: i + 1,
				kind: 'timeline.note',
				occurredAt: iso((i * 10) / 60),
				actorName: null,
				text: `note ${i + 1}`,
				reason: 'pinned' as const
			})),
			steps: [],
			drill: false,
			timezone: 'Europe/Paris',
			locale: 'en'
		});
		expect(layout.ticks[0]?.context).toBe('14 Mar 2020');
		expect(layout.ticks.map((t) => t.label)).toEqual([
			'06:00',
			'09:00',
			'12:00',
			'15:00',
			'18:00',
			'21:00'
		]);
		for (const a of layout.markers) {
			for (const b of layout.markers) {
				if (a !== b && a.y === b.y)
					expect(Math.abs(a.x - b.x)).toBeGreaterThanOrEqual(14 + 2 * 6.4 - 1e-9);
			}
		}
		expect(new Set(layout.markers.map((m) => m.y)).size).toBe(5);
		expect(layout.markers[0]?.tip).toBe('1. 05:15 note 1');
	});
});
