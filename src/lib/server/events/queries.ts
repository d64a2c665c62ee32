import { metrics } from '../metrics/registry';
import type { EventOf, EventSource, StreamEvent, StreamKind } from '$lib/events/payloads';
import { db, type Db } from '../db/db';

/**
 * An `events` row as postgres.js returns it. The payload's type follows the kind: rows are
 * written only through `appendEvent`, whose input is checked against the event map.
 */
export type EventRow = EventOf<{
	stream_id: string;
	stream_kind: StreamKind;
	seq: string;
	actor_id: string | null;
	actor_name: string | null;
	source: EventSource;
	occurred_at: Date;
	recorded_at: Date;
}>;

export function toStreamEvent(row: EventRow): StreamEvent {
	const { stream_id, stream_kind, seq, actor_id, actor_name, occurred_at, recorded_at, ...typed } =
		row;
	return {
		streamId: stream_id,
		streamKind: stream_kind,
		seq: Number(seq),
		actorId: actor_id,
		actorName: actor_name,
		occurredAt: occurred_at.toISOString(),
		recordedAt: recorded_at.toISOString(),
		...typed
	};
}

export async function createStream(
	tx: Db,
	stream: { id: string; kind: StreamKind; organizationId: string }
): Promise<void> {
	await tx`
		insert into streams (id, kind, organization_id)
		values (${stream.id}, ${stream.kind}, ${stream.organizationId})`;
}

export async function findStream(
	id: string,
	sql: Db = db()
): Promise<{ id: string; kind: StreamKind; organizationId: string; lastSeq: number } | null> {
	const [row] = await sql<
		{ id: string; kind: StreamKind; organization_id: string; last_seq: string }[]
	>`select id, kind, organization_id, last_seq from streams where id = ${id}`;
	return row
		? {
				id: row.id,
				kind: row.kind,
				organizationId: row.organization_id,
				lastSeq: Number(row.last_seq)
			}
		: null;
}

/** The events after `afterSeq`, read from PostgreSQL: what a reconnecting client resyncs from. */
export async function listEventsAfter(
	streamId: string,
	afterSeq: number,
	limit = 500,
	sql: Db = db()
): Promise<StreamEvent[]> {
	metrics().resyncs.inc();
	const rows = await sql<EventRow[]>`
		select e.stream_id, s.kind as stream_kind, e.seq, e.kind, e.actor_id, e.actor_name, e.source,
			e.occurred_at, e.recorded_at, e.payload
		from events e join streams s on s.id = e.stream_id
		where e.stream_id = ${streamId} and e.seq > ${afterSeq}
		order by e.seq
		limit ${limit}`;
	return rows.map(toStreamEvent);
}

export async function listRecentEvents(
	streamId: string,
	limit = 50,
	sql: Db = db()
): Promise<StreamEvent[]> {
	const rows = await sql<EventRow[]>`
		select * from (
			select e.stream_id, s.kind as stream_kind, e.seq, e.kind, e.actor_id, e.actor_name,
				e.source, e.occurred_at, e.recorded_at, e.payload
			from events e join streams s on s.id = e.stream_id
			where e.stream_id = ${streamId}
			order by e.seq desc
			limit ${limit}
		) recent order by seq`;
	return rows.map(toStreamEvent);
}
