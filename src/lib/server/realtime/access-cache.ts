import type { StreamEvent } from '$lib/realtime/protocol';
import { log } from '../log';
import { readAs, readerOf } from '../events/visibility';
import type { NightshiftServer, NightshiftSocket, StaleAccess } from './types';

/**
 * Each socket keeps the role it reads each of its rooms with (`socket.data.readers`), decided
 * by the database at its join: delivering an event some may read only in part then costs no
 * query per socket. A cached role is forgotten, on every node and before the event that
 * changes it is delivered, when
 * - the socket leaves the room (however: leave, disconnect, an ejection);
 * - an event changes it: a membership joined, changed or removed (the person's roles in the
 *   organization and in the incidents it takes part in), an incident shared, unshared or left
 *   (the roles of everyone in that room).
 * A socket with no cached role for a room asks the database again at the next delivery.
 */
export function staleAccessAfter(event: StreamEvent): StaleAccess | null {
	switch (event.kind) {
		case 'member.joined':
		case 'member.role_changed':
		case 'member.removed':
			return { userIds: [event.payload.userId], rooms: [] };
		case 'incident.shared':
		case 'incident.unshared':
		case 'incident.left':
			return { userIds: [], rooms: [`incident:${event.streamId}`] };
		default:
			return null;
	}
}

/** This node's sockets in a room (or a person's `user:` room). */
function localSockets(io: NightshiftServer, room: string): NightshiftSocket[] {
	const ids = io.of('/').adapter.rooms.get(room);
	const sockets: NightshiftSocket[] = [];
	for (const id of ids ?? []) {
		const socket = io.of('/').sockets.get(id);
		if (socket) sockets.push(socket);
	}
	return sockets;
}

/** This node forgets the cached roles the change makes stale. */
export function forgetAccess(io: NightshiftServer, stale: StaleAccess) {
	for (const userId of stale.userIds) {
		for (const socket of localSockets(io, `user:${userId}`)) socket.data.readers = {};
	}
	for (const room of stale.rooms) {
		for (const socket of localSockets(io, room)) delete socket.data.readers[room];
	}
}

/** A socket that leaves a room forgets the role it read it with. */
export function forgetOnLeave(io: NightshiftServer) {
	io.of('/').adapter.on('leave-room', (room: string, id: string) => {
		const socket = io.of('/').sockets.get(id);
		if (socket) delete socket.data.readers[room];
	});
}

/**
 * Delivers an event only some may read to this node's sockets in its room, each as its cached
 * role reads it (a socket without one asks the database, then keeps the answer).
 */
export function deliverToEach(io: NightshiftServer, room: string, event: StreamEvent) {
	const stream = { id: event.streamId, kind: event.streamKind };
	for (const socket of localSockets(io, room)) {
		const role = socket.data.readers[room];
		if (role) {
			socket.emit('event', readAs({ userId: socket.data.userId, role }, event));
			continue;
		}
		readerOf(socket.data.userId, stream)
			.then((reader) => {
				if (!socket.rooms.has(room)) return;
				if (reader.role) socket.data.readers[room] = reader.role;
				socket.emit('event', readAs(reader, event));
			})
			.catch((error: unknown) => {
				// This reader sees a gap at the next heartbeat and resyncs.
				log.warn({ err: error, streamId: event.streamId, seq: event.seq }, 'delivery failed');
			});
	}
}
