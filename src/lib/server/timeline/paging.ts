import { z } from 'zod';
import { kindsOfGroup, TIMELINE_GROUPS, type TimelineGroup } from '$lib/events/traits';
import { isWithheld } from '$lib/events/payloads';
import {
	TIMELINE_PAGE_SIZE,
	type TimelineActor,
	type TimelineFilter,
	type TimelinePage
} from '$lib/timeline/page';
import type { TimelineEntry } from '$lib/timeline/fold';
import type { Actor } from '../access/actor';
import { db, type Db } from '../db/db';
import { toStreamEvent, type EventRow } from '../events/queries';
import { readAs, type Reader } from '../events/visibility';
import { authorizeIncident } from '../incidents/access';
import { decodeCursor, encodeCursor } from '../pagination';
import { parse } from '../validation';
import { m } from '$lib/paraglide/messages';

const GROUPS = Object.keys(TIMELINE_GROUPS) as [TimelineGroup, ...TimelineGroup[]];

/** `?group=&actor=&limit=&cursor=` of the timeline endpoint (and the room's own query). */
export const timelineQuery = z.object({
	group: z
		.enum(GROUPS, {
			error: () => m.val_timeline_group({ groups: GROUPS.join(', ') })
		})
		.optional(),
	actor: z
		.string()
		.uuid({ error: () => m.val_actor_id() })
		.optional(),
	limit: z.coerce
		.number({ error: () => m.val_limit_number() })
		.int({ error: () => m.val_limit_integer() })
		.min(1, { error: () => m.val_limit_min() })
		.max(200, { error: () => m.val_limit_max() })
		.default(TIMELINE_PAGE_SIZE),
	cursor: z
		.string()
		.max(512, { error: () => m.val_cursor_invalid() })
		.optional()
});

/** The sequence number of the last entry of the previous page. */
const cursorKey = z.tuple([z.number().int().min(0)]);

export interface TimelineRequest {
	filter: TimelineFilter;
	limit: number;
	cursor?: string;
}

/** Reads the timeline's query parameters (bad ones: a 400 naming the field). */
export function timelineRequestOf(params: URLSearchParams): TimelineRequest {
	const raw = Object.fromEntries(
		['group', 'actor', 'limit', 'cursor'].flatMap((key) => {
			const value = params.get(key);
			return value === null || value === '' ? [] : [[key, value]];
		})
	);
	const query = parse(timelineQuery, raw);
	return {
		filter: { group: query.group ?? null, actorId: query.actor ?? null },
		limit: query.limit,
		cursor: query.cursor
	};
}

/**
 * One page of an incident's timeline, newest first (occurred-at, then sequence), filtered in
 * the query: an index walk of `limit` rows from the cursor, whatever the night's length.
 * The reader gets only what they may read (a withheld event is no timeline entry).
 */
export async function readTimelinePage(
	reader: Reader,
	incidentId: string,
	request: TimelineRequest,
	sql: Db = db()
): Promise<TimelinePage> {
	const after = decodeCursor(cursorKey, request.cursor);
	const { group, actorId } = request.filter;
	const where = sql`e.stream_id = ${incidentId} and e.kind <> 'timeline.pinned'
		${group ? sql`and e.kind = any(${kindsOfGroup(group)}::text[])` : sql``}
		${actorId ? sql`and e.actor_id = ${actorId}` : sql``}`;
	const [rows, [count]] = await Promise.all([
		sql<(EventRow & { pinned: boolean })[]>`
			select e.stream_id, 'incident' as stream_kind, e.seq, e.kind, e.actor_id, e.actor_name,
				e.source, e.occurred_at, e.recorded_at, e.payload, e.pinned
			from events e
			where ${where}
				${
					after
						? sql`and (e.occurred_at, e.seq) < (
							select c.occurred_at, c.seq from events c
							where c.stream_id = ${incidentId} and c.seq = ${after[0]})`
						: sql``
				}
			order by e.occurred_at desc, e.seq desc
			limit ${request.limit + 1}`,
		sql<{ total: string }[]>`select count(*) as total from events e where ${where}`
	]);
	const entries: TimelineEntry[] = [];
	for (const row of rows.slice(0, request.limit)) {
		const event = readAs(reader, toStreamEvent(row));
		if (!isWithheld(event)) entries.push({ ...event, pinned: row.pinned });
	}
	const last = rows[Math.min(rows.length, request.limit) - 1];
	return {
		items: entries,
		nextCursor: rows.length > request.limit && last ? encodeCursor([Number(last.seq)]) : null,
		total: Number(count?.total ?? 0)
	};
}

/**
 * Everyone who acted in the incident, by the name they last acted under: the actor filter's
 * choices. A loose scan of events_stream_actor_idx, from one actor to the next: a few index
 * entries per person, whatever the night's length.
 */
export async function listTimelineActors(
	incidentId: string,
	sql: Db = db()
): Promise<TimelineActor[]> {
	const rows = await sql<{ id: string; name: string }[]>`
		with recursive actors (id) as (
			(select e.actor_id from events e
			where e.stream_id = ${incidentId} and e.actor_id is not null
			order by e.actor_id limit 1)
			union all
			select (select e.actor_id from events e
				where e.stream_id = ${incidentId} and e.actor_id > a.id
				order by e.actor_id limit 1)
			from actors a where a.id is not null
		)
		select a.id, coalesce((select e.actor_name from events e
			where e.stream_id = ${incidentId} and e.actor_id = a.id
			order by e.seq desc limit 1), '') as name
		from actors a where a.id is not null`;
	return rows.sort((a, b) => a.name.localeCompare(b.name));
}

/** The timeline page for a person who may view the incident (else not found). */
export async function readTimelineFor(
	actor: Pick<Actor, 'userId'>,
	incidentId: string,
	request: TimelineRequest
): Promise<TimelinePage> {
	const access = await authorizeIncident(actor, incidentId, 'incident.view');
	return readTimelinePage({ userId: actor.userId, role: access.role }, incidentId, request);
}
