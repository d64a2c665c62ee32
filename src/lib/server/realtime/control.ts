/** Lets the auth commands end live sockets without importing socket.io themselves. */
type SessionTerminator = (sessionIds: string[], reason: string) => void;

let terminator: SessionTerminator | null = null;

export function setSessionTerminator(next: SessionTerminator | null) {
	terminator = next;
}

export function endSocketsOfSessions(sessionIds: string[], reason: string) {
	if (sessionIds.length > 0) terminator?.(sessionIds, reason);
}

type RoomEjector = (userId: string, room: string) => void;
let ejector: RoomEjector | null = null;

export function setRoomEjector(next: RoomEjector | null) {
	ejector = next;
}

/** Makes a user's sockets leave a room at once, e.g. when they lose access to it. */
export function ejectUserFromRoom(userId: string, room: string) {
	ejector?.(userId, room);
}
