/** Lets the auth commands end live sockets without importing socket.io themselves. */
import { processGlobal } from '../process-global';

type SessionTerminator = (sessionIds: string[], reason: string) => void;

const terminator = processGlobal<SessionTerminator | null>('terminator', null);

export function setSessionTerminator(next: SessionTerminator | null) {
	terminator.value = next;
}

export function endSocketsOfSessions(sessionIds: string[], reason: string) {
	if (sessionIds.length > 0) terminator.value?.(sessionIds, reason);
}

type RoomEjector = (userId: string, room: string) => void;
const ejector = processGlobal<RoomEjector | null>('ejector', null);

export function setRoomEjector(next: RoomEjector | null) {
	ejector.value = next;
}

/** Makes a user's sockets leave a room at once, e.g. when they lose access to it. */
export function ejectUserFromRoom(userId: string, room: string) {
	ejector.value?.(userId, room);
}
