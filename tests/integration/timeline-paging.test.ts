import { describe, expect, it } from 'vitest';
import { declareIncident } from '../../src/lib/server/incidents/commands';
import { readRoom } from '../../src/lib/server/incidents/room';
import { addNote } from '../../src/lib/server/timeline/commands';
import {
	readTimelineFor,
	timelineRequestOf,
	type TimelineRequest
} from '../../src/lib/server/timeline/paging';
import { NO_FILTER, TIMELINE_PAGE_SIZE, newestFirst } from '../../src/lib/timeline/page';
import { addMember, newOrganization, newUser, useTestDatabase } from './setup';

const sql = useTestDatabase();

/** An incident with more timeline entries than one page, some of them back-dated. */
async function longNight(notes: number) {
	const owner = await newUser('Claire');
	const org = await newOrganization(owner);
	const marc = await addMember(org, 'responder', 'Marc');
	const { result } = await declareIncident({ actor: owner }, org, {
		title: 'Shop down',
		severity: 'SEV1'
	});
	const incidentId = result.incidentId;
	const start = Date.now() - 10 * 3_600_000;
	for (let i = 0; i < notes; i++) {
		const actor = i % 3 === 0 ? marc : owner;
		// Every seventh note is back-dated: its place in time is not its place in the sequence.
		const occurredAt = i % 7 === 0 ? new Date(start + i * 60_000).toISOString() : undefined;
		await addNote({ actor }, incidentId, {
			text: `Entry ${i}`,
			kind: i % 5 === 0 ? 'decision' : 'note',
			...(occurredAt ? { occurredAt, backdateReason: 'from the call log' } : {})
		});
	}
	return { owner, marc, incidentId };
}

describe('the room timeline, a page at a time', () => {
	it('shows the newest page first and pages back to the oldest, each entry exactly once', async () => {
		const { owner, incidentId } = await longNight(130);
		const room = await readRoom(owner, incidentId);
		expect(room.timeline.items).toHaveLength(TIMELINE_PAGE_SIZE);
		expect(room.timeline.total).toBe(131);
		expect(room.timeline.nextCursor).not.toBeNull();

		const all = await sql()<{ seq: string }[]>`
			select seq from events where stream_id = ${incidentId} order by occurred_at desc, seq desc`;
		expect(room.timeline.items.map((e) => e.seq)).toEqual(
			all.slice(0, TIMELINE_PAGE_SIZE).map((r) => Number(r.seq))
		);

		const seen = [...room.timeline.items];
		let cursor = room.timeline.nextCursor;
		let pages = 1;
		while (cursor) {
			const page = await readTimelineFor(owner, incidentId, {
				filter: NO_FILTER,
				limit: 40,
				cursor
			});
			seen.push(...page.items);
			cursor = page.nextCursor;
			pages += 1;
		}
		expect(pages).toBe(2);
		expect(seen.map((e) => e.seq)).toEqual(all.map((r) => Number(r.seq)));
		expect(new Set(seen.map((e) => e.seq)).size).toBe(131);
		expect(seen.at(-1)?.kind).toBe('timeline.decision');
		for (let i = 1; i < seen.length; i++) {
			const [a, b] = [seen[i - 1], seen[i]];
			if (a && b) expect(newestFirst(a, b)).toBeLessThan(0);
		}
	});

	it('filters on the server, by kind and by person, counting what the filter keeps', async () => {
		const { owner, marc, incidentId } = await longNight(30);
		const byMarc: TimelineRequest = {
			filter: { group: null, actorId: marc.userId },
			limit: 4
		};
		const first = await readTimelineFor(owner, incidentId, byMarc);
		expect(first.total).toBe(10);
		expect(first.items.every((e) => e.actorId === marc.userId)).toBe(true);
		const seen = [...first.items];
		let cursor = first.nextCursor;
		while (cursor) {
			const page = await readTimelineFor(owner, incidentId, { ...byMarc, cursor });
			seen.push(...page.items);
			cursor = page.nextCursor;
		}
		expect(new Set(seen.map((e) => e.seq)).size).toBe(10);

		const incidentOnly = await readTimelineFor(owner, incidentId, {
			filter: { group: 'incident', actorId: null },
			limit: 100
		});
		expect(incidentOnly.items.map((e) => e.kind)).toEqual(['incident.declared']);
		const room = await readRoom(
			owner,
			incidentId,
			timelineRequestOf(new URLSearchParams('group=notes'))
		);
		expect(room.timeline.total).toBe(30);
		expect(room.timelineFilter).toEqual({ group: 'notes', actorId: null });
		expect(room.timelineActors.map((a) => a.name)).toEqual(['Claire', 'Marc']);
	});

	it('refuses a bad filter or cursor by field, and outsiders learn nothing', async () => {
		const { owner, incidentId } = await longNight(1);
		expect(() => timelineRequestOf(new URLSearchParams('group=everything'))).toThrow(
			expect.objectContaining({
				code: 'invalid',
				fields: expect.objectContaining({ group: expect.any(String) })
			})
		);
		expect(() => timelineRequestOf(new URLSearchParams('limit=0'))).toThrow(
			expect.objectContaining({ code: 'invalid' })
		);
		await expect(
			readTimelineFor(owner, incidentId, { filter: NO_FILTER, limit: 10, cursor: 'not-a-cursor' })
		).rejects.toMatchObject({ code: 'invalid', fields: { cursor: 'This cursor is not valid.' } });
		const stranger = await newUser('Stranger');
		await expect(
			readTimelineFor(stranger, incidentId, { filter: NO_FILTER, limit: 10 })
		).rejects.toMatchObject({ code: 'not_found' });
	});
});
