import { randomUUID } from 'node:crypto';
import {
	PRESENCE_LIST_MAX,
	type PresenceChange,
	type PresenceDelta,
	type PresencePerson
} from '$lib/realtime/protocol';
import { log } from '../log';
import type { NightshiftServer } from './types';

/** Presence changes are sent at most once per room per this interval, in one batch. */
export const PRESENCE_BATCH_MS = 100;
/** A node not heard from for this long is taken as gone, with everyone it had. */
const NODE_SILENCE_MS = 30_000;
const ALIVE_EVERY_MS = 10_000;
const STREAM_ROOM = /^(organization|incident):[0-9a-f-]{36}$/;

/** One person's state on one node: present (with their name and focus) or gone (null). */
export interface NodeChange {
	userId: string;
	person: PresencePerson | null;
}

/** What nodes tell each other about presence (socket.io's server-side messages). */
export interface PresenceInterServerEvents {
	'presence:changes': (node: string, room: string, changes: NodeChange[]) => void;
	'presence:snapshot': (
		room: string,
		reply: (answer: { node: string; people: PresencePerson[] }) => void
	) => void;
	'presence:alive': (node: string) => void;
	'presence:gone': (node: string) => void;
}

interface LocalPerson {
	name: string;
	focus: string | null;
	sockets: Set<string>;
}

/**
 * Who is in which room, kept by each node for the rooms it has sockets in, so a join costs
 * map lookups, not a walk over every socket of the cluster:
 * - its own sockets, from the adapter's join-room / leave-room (every way in or out: join,
 *   leave, disconnect, an ejection from another node);
 * - the people of other nodes, learned once by a snapshot when its first socket enters the
 *   room, then kept up to date by their batched changes (one message per room per batch, in
 *   the order each node sent them: one NOTIFY channel);
 * - its clients hear one `presence:delta` per room per PRESENCE_BATCH_MS with what changed,
 *   merged across nodes (someone with tabs on two nodes leaves when the last one closes).
 */
export class PresenceRegistry {
	readonly node = randomUUID();
	readonly #io: NightshiftServer;
	readonly #clustered: boolean;
	/** room → userId → this node's sockets of that person there. */
	readonly #local = new Map<string, Map<string, LocalPerson>>();
	/** socket id → user id, for the sockets in at least one stream room. */
	readonly #owners = new Map<string, string>();
	/** room → node → userId → person: the rooms this node follows, as other nodes told. */
	readonly #remote = new Map<string, Map<string, Map<string, PresencePerson>>>();
	readonly #snapshots = new Map<string, Promise<void>>();
	/**
	 * Changes to send: to this node's clients (room → user → the change's number), to the other
	 * nodes (room → user → state). Those who joined since the last batch got the whole list:
	 * they hear only what changed after it (room → socket → the number it was computed at).
	 */
	readonly #dirty = new Map<string, Map<string, number>>();
	readonly #joiners = new Map<string, Map<string, number>>();
	/** room → those who arrived since the last batch (not those who moved to another step). */
	readonly #arrivals = new Map<string, Map<string, true>>();
	#changeNo = 0;
	readonly #outgoing = new Map<string, Map<string, PresencePerson | null>>();
	readonly #heard = new Map<string, number>();
	#timer: ReturnType<typeof setTimeout> | null = null;
	#closed = false;
	readonly #alive: ReturnType<typeof setInterval> | null = null;

	constructor(io: NightshiftServer, clustered: boolean) {
		this.#io = io;
		this.#clustered = clustered;
		const adapter = io.of('/').adapter;
		adapter.on('join-room', (room: string, id: string) => this.#joined(room, id));
		adapter.on('leave-room', (room: string, id: string) => this.#left(room, id));
		if (!clustered) return;
		io.on('presence:changes', (node, room, changes) => this.#changesFrom(node, room, changes));
		io.on('presence:snapshot', (room, reply) =>
			reply({ node: this.node, people: this.#localPeople(room) })
		);
		io.on('presence:alive', (node) => this.#heard.set(node, Date.now()));
		io.on('presence:gone', (node) => this.#forget(node));
		this.#alive = setInterval(() => this.#beat(), ALIVE_EVERY_MS);
		this.#alive.unref();
	}

	/**
	 * What the joiner is told: how many people are in the room, and up to PRESENCE_LIST_MAX
	 * of them (the first found, sorted by name) — the rest it learns as they move.
	 */
	async people(
		room: string,
		joinerId: string
	): Promise<{ people: PresencePerson[]; present: number }> {
		await this.#snapshots.get(room);
		inner(this.#joiners, room).set(joinerId, this.#changeNo);
		const listed = new Map<string, PresencePerson>();
		for (const [userId, person] of this.#local.get(room) ?? []) {
			if (listed.size >= PRESENCE_LIST_MAX) break;
			listed.set(userId, asPerson(userId, person));
		}
		for (const nodePeople of this.#remote.get(room)?.values() ?? []) {
			for (const [userId, person] of nodePeople) {
				if (listed.size >= PRESENCE_LIST_MAX) break;
				if (!listed.has(userId)) listed.set(userId, person);
			}
		}
		const people = [...listed.values()].sort((a, b) => a.name.localeCompare(b.name));
		return { people, present: this.#present(room) };
	}

	/** How many people are in the room, on any node (someone on two nodes counts once). */
	#present(room: string): number {
		const local = this.#local.get(room);
		const remote = [...(this.#remote.get(room)?.values() ?? [])];
		if (remote.length === 0) return local?.size ?? 0;
		const everyone = new Set(local?.keys());
		for (const nodePeople of remote) for (const userId of nodePeople.keys()) everyone.add(userId);
		return everyone.size;
	}

	/** A socket in the room moved to another step (or to none). */
	focus(room: string, userId: string, focus: string | null) {
		const person = this.#local.get(room)?.get(userId);
		if (!person) return;
		person.focus = focus;
		this.#changed(room, userId);
	}

	/** Stops the timers; other nodes forget this node's people at once. */
	close() {
		if (this.#closed) return;
		this.#closed = true;
		if (this.#timer) clearTimeout(this.#timer);
		if (this.#alive) clearInterval(this.#alive);
		if (this.#clustered) this.#io.serverSideEmit('presence:gone', this.node);
	}

	#joined(room: string, socketId: string) {
		if (!STREAM_ROOM.test(room)) return;
		const socket = this.#io.of('/').sockets.get(socketId);
		if (!socket) return;
		const { userId, name } = socket.data;
		this.#owners.set(socketId, userId);
		this.#noteArrival(room, userId);
		let people = this.#local.get(room);
		if (!people) {
			people = new Map();
			this.#local.set(room, people);
			this.#follow(room);
		}
		const person = people.get(userId);
		const focus = socket.data.focus[room] ?? person?.focus ?? null;
		if (person) {
			person.sockets.add(socketId);
			person.focus = focus;
		} else people.set(userId, { name, focus, sockets: new Set([socketId]) });
		this.#changed(room, userId);
	}

	#left(room: string, socketId: string) {
		if (!STREAM_ROOM.test(room)) return;
		const userId = this.#owners.get(socketId);
		const people = this.#local.get(room);
		const person = userId ? people?.get(userId) : undefined;
		if (!userId || !people || !person?.sockets.delete(socketId)) return;
		if (person.sockets.size === 0) people.delete(userId);
		if (people.size === 0) this.#local.delete(room);
		if (!this.#inAnyRoom(socketId)) this.#owners.delete(socketId);
		this.#changed(room, userId);
	}

	#inAnyRoom(socketId: string): boolean {
		const rooms = this.#io.of('/').adapter.sids.get(socketId);
		return [...(rooms ?? [])].some((room) => STREAM_ROOM.test(room));
	}

	#localPeople(room: string): PresencePerson[] {
		return [...(this.#local.get(room) ?? [])].map(([userId, p]) => asPerson(userId, p));
	}

	/** This node now has sockets in the room: it learns who the other nodes have there. */
	#follow(room: string) {
		if (!this.#clustered || this.#remote.has(room)) return;
		this.#remote.set(room, new Map());
		const snapshot = new Promise<void>((resolve) => {
			// The adapter gives up on a node that does not answer (5 s), keeping the answers it has.
			this.#io.serverSideEmit('presence:snapshot', room, (error, answers) => {
				if (error) log.warn({ err: error, room }, 'some nodes did not tell who is in a room');
				const following = this.#remote.get(room);
				for (const { node, people } of answers ?? []) {
					if (!following) break;
					following.set(node, new Map(people.map((p) => [p.userId, p])));
					this.#heard.set(node, Date.now());
				}
				resolve();
			});
		});
		this.#snapshots.set(room, snapshot);
		void snapshot.then(() => {
			if (this.#snapshots.get(room) === snapshot) this.#snapshots.delete(room);
		});
	}

	#changesFrom(node: string, room: string, changes: NodeChange[]) {
		this.#heard.set(node, Date.now());
		const following = this.#remote.get(room);
		if (!following) return;
		const people = inner(following, node);
		for (const { userId, person } of changes) {
			if (person) this.#noteArrival(room, userId);
			if (person) people.set(userId, person);
			else people.delete(userId);
			this.#markDirty(room, userId);
		}
		if (people.size === 0) following.delete(node);
		this.#schedule();
	}

	#forget(node: string) {
		this.#heard.delete(node);
		for (const [room, following] of this.#remote) {
			for (const userId of following.get(node)?.keys() ?? []) this.#markDirty(room, userId);
			following.delete(node);
		}
		this.#schedule();
	}

	#beat() {
		const now = Date.now();
		for (const [node, at] of this.#heard) if (now - at > NODE_SILENCE_MS) this.#forget(node);
		if (this.#local.size > 0) this.#io.serverSideEmit('presence:alive', this.node);
	}

	#changed(room: string, userId: string) {
		this.#markDirty(room, userId);
		if (this.#clustered) {
			const person = this.#local.get(room)?.get(userId);
			inner(this.#outgoing, room).set(userId, person ? asPerson(userId, person) : null);
		}
		this.#schedule();
	}

	/** Called before the person is added: an arrival if nobody had them in the room. */
	#noteArrival(room: string, userId: string) {
		if (this.#merged(room, userId) === null) inner(this.#arrivals, room).set(userId, true);
	}

	#markDirty(room: string, userId: string) {
		inner(this.#dirty, room).set(userId, ++this.#changeNo);
	}

	#schedule() {
		if (this.#timer || this.#closed) return;
		this.#timer = setTimeout(() => this.#flush(), PRESENCE_BATCH_MS);
		this.#timer.unref();
	}

	/** The person as this node's clients should see them: here, on another node, or gone. */
	#merged(room: string, userId: string): PresencePerson | null {
		const local = this.#local.get(room)?.get(userId);
		if (local) return asPerson(userId, local);
		for (const people of this.#remote.get(room)?.values() ?? []) {
			const person = people.get(userId);
			if (person) return person;
		}
		return null;
	}

	/**
	 * One delta to the room; those who joined meanwhile only what they were not told. In a
	 * crowded room (more than a joiner is told of) arrivals are counted, not named: otherwise
	 * N arrivals would send N² names. Departures and moves are always sent.
	 */
	#tell(room: string, users: Map<string, number>) {
		const present = this.#present(room);
		const unnamed = present > PRESENCE_LIST_MAX ? this.#arrivals.get(room) : undefined;
		const change = (userId: string): PresenceChange[] => {
			const person = this.#merged(room, userId);
			if (!person) return [{ left: userId }];
			return unnamed?.has(userId) ? [] : [{ person }];
		};
		const joiners = this.#joiners.get(room) ?? new Map<string, number>();
		const all = [...users.keys()].flatMap(change);
		const others = this.#io.local.to(room).except([...joiners.keys()]);
		others.emit('presence:delta', presenceDelta(room, all, present));
		for (const [socketId, told] of joiners) {
			const later = [...users].filter(([, no]) => no > told);
			const after = later.flatMap(([userId]) => change(userId));
			if (later.length > 0) {
				this.#io.local.to(socketId).emit('presence:delta', presenceDelta(room, after, present));
			}
		}
	}

	#flush() {
		this.#timer = null;
		for (const [room, changes] of this.#outgoing) {
			const list = [...changes].map(([userId, person]) => ({ userId, person }));
			this.#io.serverSideEmit('presence:changes', this.node, room, list);
		}
		this.#outgoing.clear();
		for (const [room, users] of this.#dirty) {
			if (this.#local.has(room)) this.#tell(room, users);
		}
		this.#dirty.clear();
		this.#joiners.clear();
		this.#arrivals.clear();
		for (const room of this.#remote.keys()) {
			if (!this.#local.has(room)) {
				this.#remote.delete(room);
				this.#snapshots.delete(room);
			}
		}
	}
}

/** The inner map of `outer` at `key`, created empty the first time. */
function inner<K, V>(outer: Map<string, Map<K, V>>, key: string): Map<K, V> {
	let found = outer.get(key);
	if (!found) {
		found = new Map();
		outer.set(key, found);
	}
	return found;
}

function asPerson(userId: string, local: LocalPerson): PresencePerson {
	return { userId, name: local.name, focus: local.focus };
}

/** One change goes out as it always did ({ room, person } or { room, left }); several as a batch. */
export function presenceDelta(
	room: string,
	changes: PresenceChange[],
	present: number
): PresenceDelta {
	const [only] = changes;
	if (changes.length === 1 && only) return { room, ...only, present };
	return { room, batch: changes, present };
}
