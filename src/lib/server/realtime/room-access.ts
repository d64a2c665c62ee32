import type { RoomRef } from '$lib/realtime/protocol';
import { may } from '../access/authorize';
import { findStream } from '../events/queries';
import { findIncidentAccess } from '../incidents/access';

/**
 * Whether a user may join a room. Checked on every join, against the database, so a guessed
 * or reused id gets nothing.
 */
export async function canJoinRoom(userId: string, room: RoomRef): Promise<boolean> {
	const stream = await findStream(room.id);
	if (!stream || stream.kind !== room.kind) return false;
	if (room.kind === 'incident') return (await findIncidentAccess(userId, room.id)) !== null;
	return may({ userId }, stream.organizationId, 'room.join');
}
