import { describe, expect, it } from 'vitest';
import { RoomLiveState, type RoomSnapshot } from '../../src/lib/realtime/room-state.svelte';
import type { RoomServer } from '../../src/lib/inventory/room-servers';
import { NO_FILTER, insertionIndex, newestFirst } from '../../src/lib/timeline/page';
import type { StreamEvent } from '../../src/lib/realtime/protocol';
import type { TimelineEntry } from '../../src/lib/timeline/fold';
import { looseEvent } from './loose-event';
import { at, run, step } from './runbooks-fixtures';

const INCIDENT = {
	id: 'incident-1',
	lastSeq: 10_000,
	status: 'investigating' as const,
	version: 1,
	commanderName: null,
	resolvedAt: null
};

const SERVER: RoomServer = {
	id: 'item-1',
	organizationId: 'org-1',
	hostname: 'web03',
	kind: 'server',
	role: 'web',
	status: 'down',
	criticality: 'high',
	version: 1,
	statusChangedAt: null
};

function note(seq: number, minute: number, actorId = 'u1'): StreamEvent {
	return looseEvent({
		streamId: INCIDENT.id,
		streamKind: 'incident',
		seq,
		kind: 'timeline.note',
		actorId,
		actorName: 'Marc',
		source: 'manual',
		occurredAt: at(minute),
		recordedAt: at(minute),
		payload: { text: `note ${seq}` }
	});
}

/** A long night: `count` entries, one a minute, the newest `page` of them loaded. */
function snapshot(count: number, page: number): RoomSnapshot<typeof INCIDENT, RoomServer> {
	const items: TimelineEntry[] = [];
	for (let seq = count; seq > count - page; seq--) items.push({ ...note(seq, seq), pinned: false });
	return {
		incident: { ...INCIDENT, lastSeq: count },
		servers: [SERVER],
		run: run([step('a', { state: 'in_progress', version: 2, startedAt: at(1) })]),
		timeline: { items, nextCursor: page < count ? 'cursor' : null, total: count },
		timelineFilter: NO_FILTER
	};
}

const seqs = (entries: readonly TimelineEntry[]) => entries.map((e) => e.seq);

describe('the room folds each live event into the slices it changes', () => {
	it('inserts a note where it happened (newest first), counts it, and leaves other slices alone', () => {
		const room = new RoomLiveState(snapshot(10_000, 100));
		const { servers, run: before, incident } = room;
		// Written late, but it happened between minutes 9,950 and 9,951.
		const late = note(10_001, 9_950.5);
		room.apply(late);
		expect(room.timeline).toHaveLength(101);
		expect(room.timeline.findIndex((e) => e.seq === 10_001)).toBe(50);
		expect(room.timeline.every((e, i, all) => i === 0 || newestFirst(all[i - 1] ?? e, e) < 0)).toBe(
			true
		);
		expect(room.total).toBe(10_001);
		expect(room.servers).toBe(servers);
		expect(room.run).toBe(before);
		expect(room.incident).toBe(incident);
	});

	it('applies each event once: a repeat or an event the snapshot already holds changes nothing', () => {
		const room = new RoomLiveState(snapshot(200, 100));
		const timeline = room.timeline;
		room.apply(note(150, 150));
		expect(room.timeline).toBe(timeline);
		room.apply(note(201, 201));
		const after = room.timeline;
		room.apply(note(201, 201));
		expect(room.timeline).toBe(after);
		expect(seqs(room.timeline).slice(0, 2)).toEqual([201, 200]);
		expect(room.total).toBe(201);
	});

	it('leaves an entry older than a partial page for "earlier", but still counts it', () => {
		const room = new RoomLiveState(snapshot(1_000, 100));
		room.apply(note(1_001, 3));
		expect(room.timeline.some((e) => e.seq === 1_001)).toBe(false);
		expect(room.total).toBe(1_001);
		expect(room.partial).toBe(true);
	});

	it('patches the run and the servers from their events, replacing only those slices', () => {
		const room = new RoomLiveState(snapshot(100, 100));
		const timeline = room.timeline.length;
		const servers = room.servers;
		room.apply(
			looseEvent({
				...note(101, 101),
				kind: 'step.done',
				payload: {
					runId: 'run-1',
					stepId: 'a',
					title: 'a',
					action: 'complete',
					from: 'in_progress',
					to: 'done',
					reason: null,
					version: 3,
					assigneeId: null,
					assigneeName: null,
					startedAt: at(1),
					endedAt: at(101),
					note: null,
					readied: [],
					unreadied: []
				}
			})
		);
		expect(room.run?.steps[0]).toMatchObject({ state: 'done', version: 3 });
		expect(room.servers).toBe(servers);
		room.apply(
			looseEvent({
				...note(102, 102),
				kind: 'inventory.status_changed',
				payload: { itemId: 'item-1', hostname: 'web03', from: 'down', to: 'up', version: 2 }
			})
		);
		expect(room.servers[0]).toMatchObject({ status: 'up', version: 2 });
		expect(room.timeline).toHaveLength(timeline + 2);
	});

	it('flips a pin in place, and keeps the filter for live entries', () => {
		const room = new RoomLiveState({
			...snapshot(100, 100),
			timelineFilter: { group: null, actorId: 'u2' }
		});
		room.apply(
			looseEvent({ ...note(101, 101), kind: 'timeline.pinned', payload: { seq: 99, pinned: true } })
		);
		expect(room.timeline.find((e) => e.seq === 99)?.pinned).toBe(true);
		room.apply(note(102, 102, 'u1'));
		room.apply(note(103, 103, 'u2'));
		expect(seqs(room.timeline).slice(0, 2)).toEqual([103, 100]);
	});

	it('a reload keeps the earlier pages and re-applies live events the fresh read does not hold', () => {
		const room = new RoomLiveState(snapshot(300, 100));
		room.timeline = [...room.timeline, ...snapshot(200, 100).timeline.items];
		room.apply(note(301, 301));
		room.apply(note(302, 302));
		// The fresh read was taken after 301 was written, before 302.
		room.reset(snapshot(301, 100));
		expect(seqs(room.timeline).slice(0, 3)).toEqual([302, 301, 300]);
		expect(room.timeline).toHaveLength(202);
		expect(new Set(seqs(room.timeline)).size).toBe(202);
	});
});

describe('binary-search insertion', () => {
	it('finds the place of any event in a newest-first list, equal times ordered by sequence', () => {
		const entries = [note(9, 5), note(8, 5), note(7, 4), note(6, 2)];
		expect(insertionIndex(entries, note(10, 6))).toBe(0);
		expect(insertionIndex(entries, note(10, 5))).toBe(0);
		expect(insertionIndex(entries, note(5, 5))).toBe(2);
		expect(insertionIndex(entries, note(5, 3))).toBe(3);
		expect(insertionIndex(entries, note(5, 1))).toBe(4);
		expect(insertionIndex([], note(1, 1))).toBe(0);
	});
});
