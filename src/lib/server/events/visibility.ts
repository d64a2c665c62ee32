import type { DeliveredEvent, StreamEvent, StreamKind } from '$lib/events/payloads';
import { EVENT_TRAITS, isEventKind } from '$lib/events/traits';
import { roleAtLeast, type Role } from '$lib/organizations/roles';
import { findMembership } from '../access/authorize';
import { db, type Db } from '../db/db';
import { findIncidentAccess } from '../incidents/access';

/**
 * Who may read which event of a stream, decided here only, from the event map's `readers`
 * column: the stream API, the resync that uses it and the live room's delivery all go through
 * `readAs`. Members, invites and tokens of an organization are read by those who may see
 * them in the audit log (and a member reads what was done to their own membership); anyone
 * else gets their place in the sequence and nothing else.
 */

/** Who reads a stream: the person, and the role they read it with (null: not at all). */
export interface Reader {
	userId: string;
	role: Role | null;
}

/**
 * The role with which someone reads a stream: theirs in the organization, or the one they
 * take part in the incident with. Null for someone who may not read it at all.
 */
export async function readerOf(
	userId: string,
	stream: { id: string; kind: StreamKind },
	sql: Db = db()
): Promise<Reader> {
	const role =
		stream.kind === 'incident'
			? (await findIncidentAccess(userId, stream.id, sql))?.role
			: (await findMembership(userId, stream.id, sql))?.role;
	return { userId, role: role ?? null };
}

/** Whether every member who may join the stream reads this event. */
export function readByEveryone(event: StreamEvent): boolean {
	return isEventKind(event.kind) && EVENT_TRAITS[event.kind].readers === 'viewer';
}

/** Whether the reader may read the event (a kind unknown to this version: no). */
export function mayRead(reader: Reader, event: StreamEvent): boolean {
	if (!reader.role || !isEventKind(event.kind)) return false;
	if (roleAtLeast(reader.role, EVENT_TRAITS[event.kind].readers)) return true;
	return event.kind.startsWith('member.') && 'userId' in event.payload
		? event.payload.userId === reader.userId
		: false;
}

/** The event as the reader receives it: whole, or only its place in the sequence. */
export function readAs(reader: Reader, event: StreamEvent): DeliveredEvent {
	if (mayRead(reader, event)) return event;
	return { streamId: event.streamId, streamKind: event.streamKind, seq: event.seq, withheld: true };
}
