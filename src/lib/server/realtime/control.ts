/** Lets the auth commands end live sockets without importing socket.io themselves. */
import type { StreamEvent } from '$lib/realtime/protocol';
import { processGlobal } from '../process-global';

type SessionTerminator = (sessionIds: string[], reason: string) => void;

const terminator = processGlobal<SessionTerminator | null>('terminator', null);

export function setSessionTerminator(next: SessionTerminator | null) {
	terminator.value = next;
}

export function endSocketsOfSessions(sessionIds: string[], reason: string) {
	if (sessionIds.length > 0) terminator.value?.(sessionIds, reason);
}

type RoomEjector = (userId: string, room: string, farewell: StreamEvent[]) => void;
const ejector = processGlobal<RoomEjector | null>('ejector', null);

export function setRoomEjector(next: RoomEjector | null) {
	ejector.value = next;
}

/**
 * Makes a user's sockets leave a room at once, e.g. when they lose access to it. `farewell`:
 * the events that tell them why (their removal), sent to them first, since a broadcast through
 * the cluster adapter may reach their node only after they left the room.
 */
export function ejectUserFromRoom(userId: string, room: string, farewell: StreamEvent[] = []) {
	ejector.value?.(userId, room, farewell);
}
