import type { TimelineEntry } from '$lib/timeline/fold';
import { db, type Db } from '../db/db';
import { toStreamEvent, type EventRow } from '../events/queries';

/** The incident's timeline in the order things happened (occurred-at, then sequence). */
export async function listTimeline(
	incidentId: string,
	filters: { kind?: string; actorId?: string } = {},
	sql: Db = db()
): Promise<TimelineEntry[]> {
	const rows = await sql<(EventRow & { pinned: boolean })[]>`
		select e.stream_id, 'incident' as stream_kind, e.seq, e.kind, e.actor_id, e.actor_name, e.source,
			e.occurred_at, e.recorded_at, e.payload, e.pinned
		from events e
		where e.stream_id = ${incidentId}
			${filters.kind ? sql`and (e.kind = ${filters.kind} or e.kind like ${filters.kind + '.%'})` : sql``}
			${filters.actorId ? sql`and e.actor_id = ${filters.actorId}` : sql``}
		order by e.occurred_at, e.seq
		limit 2000`;
	return rows.map((row) => ({ ...toStreamEvent(row), pinned: row.pinned }));
}
