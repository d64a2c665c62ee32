import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { parseCookie } from 'cookie';
import { Server } from 'socket.io';
import { z } from 'zod';
import { roomName, UNAUTHENTICATED, type RoomRef, type StreamEvent } from '$lib/realtime/protocol';
import { SESSION_COOKIE, validateSessionToken } from '../auth/session';
import { findUnstorable } from '$lib/text/storable';
import { m } from '$lib/paraglide/messages';
import { requestLocale } from '../access/request-locale';
import { log } from '../log';
import { setRoomEjector, setSessionTerminator } from './control';
import { startHeartbeat } from './heartbeat';
import { useClusterAdapter } from './cluster';
import { deliverToEach, forgetAccess, forgetOnLeave, staleAccessAfter } from './access-cache';
import { PresenceRegistry } from './presence';
import { setPublisher } from './publish';
import { roomReader } from './room-access';
import { findStream } from '../events/queries';
import { readByEveryone } from '../events/visibility';
import type { NightshiftServer, NightshiftSocket } from './types';

type Locale = ReturnType<typeof requestLocale>;

/**
 * A socket's words are in its reader's language: the signed-in person's choice, else the
 * handshake's language cookie or Accept-Language, as for a page.
 */
function socketLocale(socket: NightshiftSocket, preferred?: string | null): Locale {
	const request = new Request('http://socket.invalid/', {
		headers: {
			cookie: socket.request.headers.cookie ?? '',
			'accept-language': socket.request.headers['accept-language'] ?? ''
		}
	});
	return requestLocale(request, preferred);
}

/** Socket messages are small commands and acknowledgements; anything bigger is refused. */
export const MAX_SOCKET_MESSAGE_BYTES = 16 * 1024;

const roomRef = z.object({ kind: z.enum(['organization', 'incident']), id: z.string().uuid() });

export interface RealtimeOptions {
	/** The public origin (ORIGIN); without it, an Origin header must match the Host header. */
	origin?: string;
	/** Development: leave other upgrade requests (Vite's HMR) alone. */
	dev?: boolean;
	heartbeatMs?: number;
	/** Broadcast across nodes through this PostgreSQL (socket.io's postgres adapter). */
	clusterDatabaseUrl?: string;
}

/** Attaches socket.io to the app's HTTP server: authenticated handshake, rooms, presence. */
export function attachRealtime(
	httpServer: HttpServer,
	options: RealtimeOptions = {}
): NightshiftServer {
	const io: NightshiftServer = new Server(httpServer, {
		path: '/socket.io',
		serveClient: false,
		maxHttpBufferSize: MAX_SOCKET_MESSAGE_BYTES,
		destroyUpgrade: !options.dev,
		// websockets are not covered by CORS: the origin is checked here, before any upgrade.
		allowRequest: (req, callback) => callback(null, originAllowed(req, options.origin))
	});
	const clustered = Boolean(options.clusterDatabaseUrl);
	const stopAdapter = options.clusterDatabaseUrl
		? useClusterAdapter(io, options.clusterDatabaseUrl)
		: null;
	// After the adapter: both listen to its join-room / leave-room.
	const presence = new PresenceRegistry(io, clustered);
	registries.set(io, presence);
	forgetOnLeave(io);
	io.on('access:stale', (stale) => forgetAccess(io, stale));
	io.on('event:each', (event) =>
		deliverToEach(io, roomName({ kind: event.streamKind, id: event.streamId }), event)
	);
	io.use(authenticate);
	io.on('connection', (socket) => onConnection(socket, presence));
	setPublisher((event) => deliver(io, event, clustered));
	setSessionTerminator((ids, reason) => {
		const rooms = ids.map((id) => `session:${id}`);
		io.to(rooms).emit('session-ended', { reason });
		io.in(rooms).disconnectSockets(true);
	});
	setRoomEjector((userId, room, farewell) => {
		void ejectFromRoom(io, userId, room, farewell).catch((error: unknown) => {
			log.warn({ err: error, room }, 'ejecting from a room failed');
		});
	});
	const stopHeartbeat = startHeartbeat(io, options.heartbeatMs);
	const stopTimers = () => {
		stopHeartbeat();
		presence.close();
	};
	// The adapter's pool ends with socket.io (io.close: the adapter says goodbye first), not
	// with the HTTP server, which a shutdown closes before socket.io.
	io.engine.on('close', () => {
		stopTimers();
		void stopAdapter?.().catch(() => undefined);
	});
	httpServer.once('close', stopTimers);
	return io;
}

const registries = new WeakMap<NightshiftServer, PresenceRegistry>();

/**
 * Stops the realtime server: the presence registry first, so the other nodes forget this
 * node's people at once (and it sends nothing once the adapter's pool has ended), then
 * socket.io.
 */
export async function closeRealtime(io: NightshiftServer) {
	registries.get(io)?.close();
	await io.close();
}

/**
 * Sends a committed event to its room. An event that changes who reads what first makes every
 * node forget the cached roles it affects. What every member reads goes to the room at once;
 * an event only some may read goes, on each node, to each socket as its role reads it
 * (`readAs`), so the others keep a gapless sequence without learning what it was. Node-to-node
 * messages share one ordered channel, so a node forgets before it delivers.
 */
function deliver(io: NightshiftServer, event: StreamEvent, clustered: boolean) {
	const room = roomName({ kind: event.streamKind, id: event.streamId });
	const stale = staleAccessAfter(event);
	if (stale) {
		forgetAccess(io, stale);
		if (clustered) io.serverSideEmit('access:stale', stale);
	}
	if (readByEveryone(event)) {
		io.to(room).emit('event', event);
		return;
	}
	deliverToEach(io, room, event);
	if (clustered) io.serverSideEmit('event:each', event);
}

/**
 * The person's sockets (on every node) leave the room; the room hears they left only if they
 * were in it, and hears it once however many tabs they had there.
 */
async function ejectFromRoom(
	io: NightshiftServer,
	userId: string,
	room: string,
	farewell: StreamEvent[]
) {
	const present = (await io.in(`user:${userId}`).fetchSockets()).filter((s) => s.rooms.has(room));
	if (present.length === 0) return;
	for (const socket of present) {
		// Clients ignore an event they already have (by its sequence number).
		for (const event of farewell) socket.emit('event', event);
		// The room hears they left from the presence registry of the socket's node.
		socket.leave(room);
	}
}

/** Browsers always send Origin on a websocket upgrade and a cross-site request. */
export function originAllowed(req: IncomingMessage, configured?: string): boolean {
	const origin = req.headers.origin;
	if (!origin) return true;
	if (configured) return origin === new URL(configured).origin;
	try {
		return new URL(origin).host === req.headers.host;
	} catch {
		return false;
	}
}

async function authenticate(socket: NightshiftSocket, next: (err?: Error) => void) {
	try {
		const cookies = parseCookie(socket.request.headers.cookie ?? '');
		const token = cookies[SESSION_COOKIE];
		const found = token ? await validateSessionToken(token) : null;
		if (!found) return next(unauthenticated(socketLocale(socket)));
		socket.data = {
			userId: found.user.id,
			name: found.user.displayName,
			locale: socketLocale(socket, found.user.locale),
			sessionId: found.session.id,
			focus: {},
			readers: {}
		};
		await socket.join([`session:${found.session.id}`, `user:${found.user.id}`]);
		next();
	} catch (error) {
		log.error({ err: error }, 'socket authentication failed');
		next(new Error(m.sock_unavailable({}, { locale: socketLocale(socket) })));
	}
}

function unauthenticated(locale: Locale): Error {
	const error = new Error(UNAUTHENTICATED) as Error & { data: { message: string } };
	error.data = { message: m.sock_not_signed_in({}, { locale }) };
	return error;
}

function onConnection(socket: NightshiftSocket, presence: PresenceRegistry) {
	// A message carrying text PostgreSQL cannot store goes no further than here.
	socket.use(([name, ...args], next) => {
		const locale = socket.data.locale;
		const found = findUnstorable(
			args.filter((a) => typeof a !== 'function'),
			'',
			0,
			locale
		);
		if (!found) return next();
		const named = String(name).slice(0, 40).toWellFormed();
		next(new Error(m.sock_message_refused({ name: named, reason: found.reason }, { locale })));
	});
	socket.on('room:join', async (input, reply) => {
		if (typeof reply !== 'function') return;
		const parsed = roomRef.safeParse(input);
		const locale = socket.data.locale;
		if (!parsed.success) return reply({ ok: false, error: m.sock_unknown_room({}, { locale }) });
		try {
			reply(await joinRoom(socket, presence, parsed.data));
		} catch (error) {
			log.error({ err: error }, 'room join failed');
			reply({ ok: false, error: m.sock_join_failed({}, { locale }) });
		}
	});
	socket.on('room:leave', async (input) => {
		const parsed = roomRef.safeParse(input);
		if (!parsed.success) return;
		// The presence registry hears it from the adapter (leave-room).
		await socket.leave(roomName(parsed.data));
	});
	socket.on('presence:focus', async (input, focus) => {
		const parsed = roomRef.safeParse(input);
		const room = parsed.success ? roomName(parsed.data) : null;
		if (!room || !socket.rooms.has(room)) return;
		if (focus !== null && (typeof focus !== 'string' || focus.length > 100)) return;
		socket.data.focus[room] = focus;
		presence.focus(room, socket.data.userId, focus);
	});
}

/**
 * The database decides whether the socket may join and with which role it reads the room
 * (kept while it stays, see access-cache.ts); the presence registry answers who is there
 * without a walk over the room's sockets, and tells the others in its next batch.
 */
async function joinRoom(socket: NightshiftSocket, presence: PresenceRegistry, ref: RoomRef) {
	const room = roomName(ref);
	const cached = socket.rooms.has(room) ? socket.data.readers[room] : undefined;
	const reader = cached
		? { role: cached, latestSeq: (await findStream(ref.id))?.lastSeq ?? 0 }
		: await roomReader(socket.data.userId, ref);
	if (!reader) {
		const locale = socket.data.locale;
		return { ok: false as const, error: m.err_room_not_found({}, { locale }) };
	}
	socket.data.readers[room] = reader.role;
	await socket.join(room);
	const { people, present } = await presence.people(room, socket.id);
	return { ok: true as const, latestSeq: reader.latestSeq, people, present };
}
