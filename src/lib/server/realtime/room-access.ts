import type { RoomRef } from '$lib/realtime/protocol';
import { may } from '../access/authorize';
import { SOCKET_EVENT_PERMISSIONS } from '../access/socket-permissions';
import { findStream } from '../events/queries';
import { mayIncident } from '../incidents/access';

/**
 * Whether a user may join a room. Checked on every join, against the database, so a guessed
 * or reused id gets nothing.
 */
export async function canJoinRoom(userId: string, room: RoomRef): Promise<boolean> {
	const stream = await findStream(room.id);
	if (!stream || stream.kind !== room.kind) return false;
	const { permission } = SOCKET_EVENT_PERMISSIONS['room:join'];
	if (room.kind === 'incident') return mayIncident({ userId }, room.id, permission);
	return may({ userId }, stream.organizationId, permission);
}
