import type { PresencePerson } from '$lib/realtime/protocol';
import type { NightshiftServer, NightshiftSocket } from './types';

/**
 * Who is in a room, across every node (fetchSockets goes through the adapter): one entry per
 * person however many tabs they have open. Sent whole only to the one who joins; everyone
 * else hears small deltas, so a room filling up costs O(N) per join, not O(N) per listener.
 */
export async function peopleInRoom(io: NightshiftServer, room: string): Promise<PresencePerson[]> {
	const sockets = await io.in(room).fetchSockets();
	const people = new Map<string, PresencePerson>();
	for (const socket of sockets) {
		const { userId, name, focus } = socket.data;
		people.set(userId, { userId, name, focus: focus[room] ?? people.get(userId)?.focus ?? null });
	}
	return [...people.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The person arrived, or moved to another step: everyone else updates that one entry. */
export function announcePresent(socket: NightshiftSocket, room: string) {
	const { userId, name, focus } = socket.data;
	socket
		.to(room)
		.emit('presence:delta', { room, person: { userId, name, focus: focus[room] ?? null } });
}

/**
 * The person left, unless another of their tabs (on any node) is still in the room, or this
 * socket rejoined while we looked (a page that leaves and follows again at once).
 */
export async function announceLeft(
	io: NightshiftServer,
	userId: string,
	room: string,
	leaving?: { socketId: string; isBack?: () => boolean }
) {
	const theirs = await io.in(`user:${userId}`).fetchSockets();
	if (theirs.some((s) => s.id !== leaving?.socketId && s.rooms.has(room))) return;
	if (leaving?.isBack?.()) return;
	io.to(room).emit('presence:delta', { room, left: userId });
}
