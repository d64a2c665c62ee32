import type { RoomRef } from '$lib/realtime/protocol';
import { roleAtLeast, type Role } from '$lib/organizations/roles';
import { neededRole } from '../access/authorize';
import { SOCKET_EVENT_PERMISSIONS } from '../access/socket-permissions';
import { findStream } from '../events/queries';
import { readerOf } from '../events/visibility';

/**
 * Whether a user may join a room, and so the role they read it with, and the stream's latest
 * sequence number; null for a room that does not exist or that they may not see. Asked of the
 * database at each first join of a socket, so a guessed or reused id gets nothing.
 */
export async function roomReader(
	userId: string,
	room: RoomRef
): Promise<{ role: Role; latestSeq: number } | null> {
	// An organization's stream has the organization's id: both questions go out at once.
	const [stream, { role }] = await Promise.all([findStream(room.id), readerOf(userId, room)]);
	if (!stream || stream.kind !== room.kind) return null;
	if (room.kind === 'organization' && stream.organizationId !== room.id) return null;
	const needed = neededRole(SOCKET_EVENT_PERMISSIONS['room:join'].permission);
	if (!role || !roleAtLeast(role, needed)) return null;
	return { role, latestSeq: stream.lastSeq };
}

/** Whether a user may join a room (and read its stream). */
export async function canJoinRoom(userId: string, room: RoomRef): Promise<boolean> {
	return (await roomReader(userId, room)) !== null;
}
