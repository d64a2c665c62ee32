import type { ClientToServerEvents } from '$lib/realtime/protocol';
import type { Permission } from './permissions';

/**
 * Who may send each socket event of the typed map (the compiler insists every event is here;
 * `tests/integration/socket-authorization.test.ts` also discovers them from protocol.ts):
 * - room: the permission is checked against the room's organization or incident, on every
 *   event, in the database (see realtime/room-access.ts);
 * - joined_room: only for a room this socket already joined (so checked at the join);
 * - none: harmless for anyone signed in (leaving a room).
 * The handshake itself needs a valid session and an allowed Origin.
 */
export type SocketScope =
	{ scope: 'room'; permission: Permission } | { scope: 'joined_room' } | { scope: 'none' };

export const SOCKET_EVENT_PERMISSIONS = {
	'room:join': { scope: 'room', permission: 'room.join' },
	'room:leave': { scope: 'none' },
	'presence:focus': { scope: 'joined_room' }
} as const satisfies Record<keyof ClientToServerEvents, SocketScope>;
