import type { EventKind, EventOf, EventSource, StreamEvent } from '$lib/events/payloads';
import type { Actor } from '../access/actor';
import type { Tx } from '../db/db';
import { AppError } from '../errors';
import { toStreamEvent, type EventRow } from './queries';
import { m } from '$lib/paraglide/messages';

interface NewEventFields {
	streamId: string;
	occurredAt?: Date;
	/** Defaults to the actor's channel. */
	source?: EventSource;
}

/** An event to append: its kind decides the payload it must carry. */
export type NewEvent<K extends EventKind = EventKind> = EventOf<NewEventFields, K>;

/**
 * Appends one event with the stream's next sequence number. The `update … returning` locks
 * the stream row until commit, so concurrent writers to one stream get gapless numbers.
 */
export async function appendEvent(
	tx: Tx,
	actor: Actor | null,
	event: NewEvent
): Promise<StreamEvent> {
	const [stream] = await tx<{ last_seq: string }[]>`
		update streams set last_seq = last_seq + 1 where id = ${event.streamId} returning last_seq`;
	if (!stream) throw new AppError('not_found', m.err_room_gone());
	const [row] = await tx<EventRow[]>`
		insert into events (stream_id, seq, kind, actor_id, actor_name, source, occurred_at, address, payload)
		values (${event.streamId}, ${stream.last_seq}, ${event.kind}, ${actor?.userId ?? null},
			${actor?.name ?? null}, ${event.source ?? actor?.source ?? 'manual'},
			${event.occurredAt ?? tx`now()`}, ${actor?.address ?? null}, ${tx.json(toJson(event.payload))})
		returning stream_id, (select kind from streams where id = stream_id) as stream_kind, seq, kind,
			actor_id, actor_name, source, occurred_at, recorded_at, payload`;
	if (!row) throw new Error('event insert returned no row');
	return toStreamEvent(row);
}

type JsonValue = Parameters<Tx['json']>[0];

/** A payload as JSON: what jsonb stores (dates as ISO strings, no undefined). */
function toJson(payload: object): JsonValue {
	const json: JsonValue = JSON.parse(JSON.stringify(payload));
	return json;
}
