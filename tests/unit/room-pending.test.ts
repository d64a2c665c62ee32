import { describe, expect, it } from 'vitest';
import {
	overlayRun,
	overlayServers,
	pendingNotes,
	type PendingChange,
	type ShownChange
} from '../../src/lib/offline/pending';
import type { RoomServer } from '../../src/lib/inventory/room-servers';
import { at, run, step } from './runbooks-fixtures';

let n = 0;
const shown = (preview: PendingChange, confirmed = false, seq: number | null = null) =>
	({
		id: `change-${++n}`,
		incidentId: 'incident-1',
		preview,
		confirmed,
		seq,
		createdAt: at(5)
	}) satisfies ShownChange;

const server = (id: string, overrides: Partial<RoomServer> = {}): RoomServer => ({
	id,
	organizationId: 'org-1',
	hostname: id,
	kind: 'server',
	role: 'web',
	status: 'down',
	criticality: '',
	version: 3,
	statusChangedAt: null,
	...overrides
});

describe('your own changes shown before the server confirms them', () => {
	it('shows a queued step change at once, marked pending, one version further', () => {
		const base = run([step('a', { state: 'ready', version: 2 }), step('b')]);
		const { value, pending } = overlayRun(base, [
			shown({ kind: 'step', stepId: 'a', to: 'in_progress', baseVersion: 2 })
		]);
		expect(value.steps.map((s) => [s.id, s.state, s.version])).toEqual([
			['a', 'in_progress', 3],
			['b', 'pending', 1]
		]);
		expect([...pending]).toEqual(['a']);
	});

	it('chains two changes queued offline on one step: start, then done', () => {
		const base = run([step('a', { state: 'ready', version: 2 })]);
		const { value } = overlayRun(base, [
			shown({ kind: 'step', stepId: 'a', to: 'in_progress', baseVersion: 2 }),
			shown({ kind: 'step', stepId: 'a', to: 'done', baseVersion: 3 })
		]);
		expect(value.steps[0]?.state).toBe('done');
		expect(value.steps[0]?.version).toBe(4);
	});

	it('keeps an accepted change shown, unmarked, until its event moves the step past it', () => {
		const accepted = [shown({ kind: 'step', stepId: 'a', to: 'done', baseVersion: 2 }, true)];
		const waiting = overlayRun(run([step('a', { state: 'in_progress', version: 2 })]), accepted);
		expect(waiting.value.steps[0]?.state).toBe('done');
		expect(waiting.pending.size).toBe(0);
		const echoed = run([step('a', { state: 'done', version: 3 })]);
		expect(overlayRun(echoed, accepted).value).toBe(echoed);
	});

	it('steps aside when someone else moved the step on meanwhile (the change will be refused)', () => {
		const moved = run([step('a', { state: 'blocked', version: 5 })]);
		const { value, pending } = overlayRun(moved, [
			shown({ kind: 'step', stepId: 'a', to: 'done', baseVersion: 2 })
		]);
		expect(value.steps[0]?.state).toBe('blocked');
		expect(pending.size).toBe(0);
	});

	it('shows a server status change at once, marked pending', () => {
		const { value, pending } = overlayServers(
			[server('web03'), server('db01')],
			[shown({ kind: 'server', itemId: 'db01', to: 'rebuilding', baseVersion: 3 })]
		);
		expect(value.map((s) => [s.hostname, s.status])).toEqual([
			['web03', 'down'],
			['db01', 'rebuilding']
		]);
		expect([...pending]).toEqual(['db01']);
	});

	it('lists notes not in the timeline yet, newest first, until their event arrives', () => {
		const first = shown(
			{ kind: 'note', noteKind: 'note', text: 'first', occurredAt: null },
			true,
			41
		);
		const second = shown({ kind: 'note', noteKind: 'decision', text: 'second', occurredAt: at(1) });
		expect(pendingNotes([first, second], []).map((note) => [note.text, note.confirmed])).toEqual([
			['second', false],
			['first', true]
		]);
		expect(pendingNotes([first, second], []).at(0)?.occurredAt).toBe(at(1));
		expect(pendingNotes([first], [{ seq: 41 }])).toEqual([]);
	});
});
