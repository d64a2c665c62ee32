import { io, type Socket } from 'socket.io-client';
import { parseRetryAfter } from '$lib/offline/retry';
import { isWithheld } from '$lib/events/payloads';
import { m } from '$lib/paraglide/messages';
import {
	UNAUTHENTICATED,
	roomName,
	type ClientToServerEvents,
	type DeliveredEvent,
	type PresencePerson,
	type RoomRef,
	type ServerToClientEvents,
	type StreamEvent
} from './protocol';

/** How long a gap may last before it is fetched: events are often just a moment behind. */
const GAP_GRACE_MS = 1500;
/** A failed resync is tried again after this, doubling each time up to the cap. */
export const RESYNC_RETRY_MS = 1_000;
export const RESYNC_RETRY_CAP_MS = 30_000;

/** A resync the server could not answer (its status, and Retry-After in ms when it gave one). */
class ResyncError extends Error {
	constructor(
		readonly status: number,
		readonly retryAfterMs: number | null
	) {
		super(`resync failed: ${status}`);
	}
}

export type ConnectionStatus = 'connecting' | 'online' | 'reconnecting' | 'offline' | 'signed-out';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * One room the page follows: applies events strictly in sequence order; on a gap or after a
 * reconnect it fetches the missing events from the server (from PostgreSQL), then goes on.
 */
export class LiveRoom {
	/** Those in the room this page knows of: some of them when the room is large. */
	people = $state<PresencePerson[]>([]);
	/** How many people are in the room. */
	present = $state(0);
	lastSeq = $state(0);
	error = $state<string | null>(null);
	readonly ref: RoomRef;
	readonly name: string;
	#onEvent: (event: StreamEvent) => void;
	// Bookkeeping only, never rendered: a plain Map on purpose.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#pending = new Map<number, DeliveredEvent>();
	#fetching: Promise<void> | null = null;
	#graceTimer: ReturnType<typeof setTimeout> | null = null;
	#retryTimer: ReturnType<typeof setTimeout> | null = null;
	#failures = 0;
	#stopped = false;

	constructor(ref: RoomRef, lastSeq: number, onEvent: (event: StreamEvent) => void) {
		this.ref = ref;
		this.name = roomName(ref);
		this.lastSeq = lastSeq;
		this.#onEvent = onEvent;
	}

	receive(event: DeliveredEvent) {
		if (event.seq <= this.lastSeq) return;
		this.#pending.set(event.seq, event);
		this.#drain();
		const highest = Math.max(0, ...this.#pending.keys());
		if (highest > this.lastSeq) this.#afterGrace(highest);
	}

	/**
	 * The server's latest sequence number (heartbeat): anything beyond ours is a gap. An event
	 * may simply still be on its way (committed, not yet delivered), so wait a moment first.
	 */
	seen(latestSeq: number) {
		if (latestSeq > this.lastSeq) this.#afterGrace(latestSeq);
	}

	/**
	 * After a (re)join: what we miss is fetched, but an event committed while we joined may
	 * reach us just after the reply, so the same short grace applies.
	 */
	joined(latestSeq: number) {
		if (latestSeq > this.lastSeq) this.#afterGrace(latestSeq);
	}

	#afterGrace(target: number) {
		if (this.#graceTimer) return;
		this.#graceTimer = setTimeout(() => {
			this.#graceTimer = null;
			if (this.lastSeq < target) void this.catchUp();
		}, GAP_GRACE_MS);
	}

	/**
	 * Fetches what is missing. It never rejects: a failed fetch (no network, a 5xx, a 429) is
	 * retried after a backoff (or the server's Retry-After) until it succeeds. A refusal (the
	 * session ended, the room was closed to this person) is not retried: signing in again or
	 * rejoining the room starts a new catch-up.
	 */
	catchUp(): Promise<void> {
		if (this.#retryTimer) clearTimeout(this.#retryTimer);
		this.#retryTimer = null;
		this.#fetching ??= this.#fetchMissing()
			.then(
				() => {
					this.#failures = 0;
				},
				(e: unknown) => this.#failed(e)
			)
			.finally(() => {
				this.#fetching = null;
			});
		return this.#fetching;
	}

	/** Stops any retry (the page no longer follows this room). */
	stop() {
		for (const timer of [this.#retryTimer, this.#graceTimer]) if (timer) clearTimeout(timer);
		this.#retryTimer = this.#graceTimer = null;
		this.#stopped = true;
	}

	#failed(e: unknown) {
		const status = e instanceof ResyncError ? e.status : 0;
		const refused = status >= 400 && status < 500 && status !== 408 && status !== 429;
		if (refused || this.#stopped) return;
		const backoff = Math.min(RESYNC_RETRY_CAP_MS, RESYNC_RETRY_MS * 2 ** this.#failures);
		const wait = e instanceof ResyncError && e.retryAfterMs !== null ? e.retryAfterMs : backoff;
		this.#failures += 1;
		this.#retryTimer = setTimeout(() => {
			this.#retryTimer = null;
			void this.catchUp();
		}, wait);
	}

	async #fetchMissing() {
		for (;;) {
			const response = await fetch(`/api/v1/streams/${this.ref.id}/events?after=${this.lastSeq}`, {
				headers: { accept: 'application/json' }
			});
			if (!response.ok)
				throw new ResyncError(
					response.status,
					parseRetryAfter(response.headers.get('retry-after'))
				);
			const body: { events: DeliveredEvent[]; latestSeq: number } = await response.json();
			for (const event of body.events) this.#pending.set(event.seq, event);
			this.#drain();
			if (body.events.length === 0 || this.lastSeq >= body.latestSeq) return;
		}
	}

	#drain() {
		let next = this.#pending.get(this.lastSeq + 1);
		while (next) {
			this.#pending.delete(next.seq);
			this.lastSeq = next.seq;
			// A withheld event only keeps the numbers gapless: nothing of it reaches the page.
			if (!isWithheld(next)) this.#onEvent(next);
			next = this.#pending.get(this.lastSeq + 1);
		}
		for (const seq of this.#pending.keys()) if (seq <= this.lastSeq) this.#pending.delete(seq);
	}
}

/** The page's one socket.io connection, its status, and the rooms it follows. */
export class LiveConnection {
	status = $state<ConnectionStatus>('connecting');
	message = $state<string | null>(null);
	#socket: ClientSocket;
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#rooms = new Map<string, LiveRoom>();

	constructor() {
		this.#socket = io({ path: '/socket.io', transports: ['websocket', 'polling'] });
		this.#socket.on('connect', () => {
			this.status = 'online';
			this.message = null;
			for (const room of this.#rooms.values()) this.#join(room);
		});
		this.#socket.on('disconnect', (reason) => {
			if (this.status === 'signed-out') return;
			this.status = reason === 'io client disconnect' ? 'offline' : 'reconnecting';
		});
		this.#socket.on('connect_error', (error) => this.#connectError(error));
		this.#socket.on('session-ended', ({ reason }) => {
			this.status = 'signed-out';
			this.message = reason;
		});
		this.#socket.on('event', (event) =>
			this.#rooms.get(roomName({ kind: event.streamKind, id: event.streamId }))?.receive(event)
		);
		this.#socket.on('heartbeat', ({ streamId, latestSeq }) => {
			for (const room of this.#rooms.values()) if (room.ref.id === streamId) room.seen(latestSeq);
		});
		this.#socket.on('presence:delta', ({ room, person, left, batch, present }) => {
			const live = this.#rooms.get(room);
			if (!live) return;
			live.present = present;
			// Each person's last change in the batch wins: here (with it) or gone (null).
			const changed: Record<string, PresencePerson | null> = {};
			for (const change of batch ?? [{ person, left }]) {
				if (change.person) changed[change.person.userId] = change.person;
				else if (change.left) changed[change.left] = null;
			}
			const arrived = Object.values(changed).filter((p) => p !== null);
			live.people = [
				...live.people.filter((p) => !Object.hasOwn(changed, p.userId)),
				...arrived
			].sort((a, b) => a.name.localeCompare(b.name));
		});
		if (typeof window !== 'undefined') {
			window.addEventListener('offline', () => (this.status = 'offline'));
		}
	}

	follow(ref: RoomRef, lastSeq: number, onEvent: (event: StreamEvent) => void): LiveRoom {
		const room = new LiveRoom(ref, lastSeq, onEvent);
		this.#rooms.set(room.name, room);
		if (this.#socket.connected) this.#join(room);
		return room;
	}

	unfollow(room: LiveRoom) {
		room.stop();
		this.#rooms.delete(room.name);
		if (this.#socket.connected) this.#socket.emit('room:leave', room.ref);
	}

	focus(room: LiveRoom, focus: string | null) {
		this.#socket.emit('presence:focus', room.ref, focus);
	}

	close() {
		this.#socket.close();
	}

	#join(room: LiveRoom) {
		this.#socket.emit('room:join', room.ref, (reply) => {
			if (!reply.ok) {
				room.error = reply.error;
				return;
			}
			room.error = null;
			room.people = reply.people;
			room.present = reply.present;
			room.joined(reply.latestSeq);
		});
	}

	#connectError(error: Error & { data?: { message?: string } }) {
		if (error.message === UNAUTHENTICATED) {
			this.status = 'signed-out';
			this.message = error.data?.message ?? m.connection_signed_out();
			this.#socket.close();
			return;
		}
		this.status = navigator.onLine === false ? 'offline' : 'reconnecting';
	}
}
