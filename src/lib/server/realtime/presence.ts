import type { PresencePerson } from '$lib/realtime/protocol';
import type { NightshiftServer } from './types';

/**
 * Who is in a room, across every node (fetchSockets goes through the adapter): one entry per
 * person however many tabs they have open.
 */
export async function peopleInRoom(
	io: NightshiftServer,
	room: string,
	leavingSocketId?: string
): Promise<PresencePerson[]> {
	const sockets = await io.in(room).fetchSockets();
	const people = new Map<string, PresencePerson>();
	for (const socket of sockets) {
		if (socket.id === leavingSocketId) continue;
		const { userId, name, focus } = socket.data;
		people.set(userId, { userId, name, focus: focus[room] ?? people.get(userId)?.focus ?? null });
	}
	return [...people.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export async function broadcastPresence(
	io: NightshiftServer,
	room: string,
	leavingSocketId?: string
) {
	const people = await peopleInRoom(io, room, leavingSocketId);
	io.to(room).emit('presence', { room, people });
	return people;
}
