import type { Server, Socket } from 'socket.io';
import type {
	ClientToServerEvents,
	ServerToClientEvents,
	SocketData,
	StreamEvent
} from '$lib/realtime/protocol';
import type { PresenceInterServerEvents } from './presence';

/** What this node forgets of its sockets' access (see access-cache.ts). */
export interface StaleAccess {
	userIds: string[];
	rooms: string[];
}

/**
 * Node-to-node messages (socket.io's server-side emits through the adapter), besides the
 * adapter's own: presence, forgotten access, and events some readers read only in part.
 */
export type InterServerEvents = PresenceInterServerEvents & {
	'access:stale': (stale: StaleAccess) => void;
	'event:each': (event: StreamEvent) => void;
};

export type NightshiftServer = Server<
	ClientToServerEvents,
	ServerToClientEvents,
	InterServerEvents,
	SocketData
>;
export type NightshiftSocket = Socket<
	ClientToServerEvents,
	ServerToClientEvents,
	InterServerEvents,
	SocketData
>;
