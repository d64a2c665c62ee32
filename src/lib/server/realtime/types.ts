import type { Server, Socket } from 'socket.io';
import type {
	ClientToServerEvents,
	ServerToClientEvents,
	SocketData
} from '$lib/realtime/protocol';

// No inter-server events of our own: cross-node traffic is only socket.io's adapter.
type InterServerEvents = Record<string, never>;

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
