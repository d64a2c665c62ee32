import type { RoomRef } from '$lib/realtime/protocol';
import { may } from '../access/authorize';
import { findStream } from '../events/queries';

/**
 * Whether a user may join a room. Checked on every join, against the database, so a guessed
 * or reused id gets nothing.
 */
export async function canJoinRoom(userId: string, room: RoomRef): Promise<boolean> {
	const stream = await findStream(room.id);
	if (!stream || stream.kind !== room.kind) return false;
	return may({ userId }, stream.organizationId, 'room.join');
}
