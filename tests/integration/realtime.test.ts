import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connectClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	PRESENCE_LIST_MAX,
	type ClientToServerEvents,
	type JoinReply,
	type PresenceDelta,
	type ServerToClientEvents,
	type StreamEvent
} from '../../src/lib/realtime/protocol';
import {
	createSession,
	invalidateSession,
	SESSION_COOKIE
} from '../../src/lib/server/auth/session';
import { changeMemberRole } from '../../src/lib/server/organizations/commands';
import { endSocketsOfSessions } from '../../src/lib/server/realtime/control';
import { attachRealtime } from '../../src/lib/server/realtime/server';
import type { NightshiftServer } from '../../src/lib/server/realtime/types';
import { newOrganization, newUser, useTestDatabase } from './setup';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

const sql = useTestDatabase();
let httpServer: Server;
let io: NightshiftServer;
let url: string;
const clients: Client[] = [];

beforeAll(async () => {
	httpServer = createServer();
	io = attachRealtime(httpServer, { heartbeatMs: 200 });
	await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
	for (const c of clients) c.close();
	await io.close();
});

function client(token: string | null, headers: Record<string, string> = {}): Client {
	const socket: Client = connectClient(url, {
		transports: ['websocket'],
		reconnection: false,
		extraHeaders: { ...(token ? { cookie: `${SESSION_COOKIE}=${token}` } : {}), ...headers }
	});
	clients.push(socket);
	return socket;
}

function connected(socket: Client): Promise<void> {
	return new Promise((resolve, reject) => {
		socket.once('connect', () => resolve());
		socket.once('connect_error', reject);
	});
}

function join(socket: Client, id: string): Promise<JoinReply> {
	return new Promise((resolve) => socket.emit('room:join', { kind: 'organization', id }, resolve));
}

function next<K extends keyof ServerToClientEvents>(
	socket: Client,
	name: K
): Promise<Parameters<ServerToClientEvents[K]>[0]> {
	return new Promise((resolve) => {
		socket.once(name as 'event', ((payload: StreamEvent) => resolve(payload as never)) as never);
	});
}

async function signedIn(name: string) {
	const user = await newUser(name);
	const { token, session } = await createSession(user.userId);
	return { user, token, session };
}

describe('live rooms', () => {
	it('a socket without a session is refused with a clear error', async () => {
		const socket = client(null);
		const error = await connected(socket).catch((e: Error & { data?: { message: string } }) => e);
		expect(error).toMatchObject({
			message: 'unauthenticated',
			data: { message: expect.stringContaining('not signed in') }
		});
		const forged = client('forged.token');
		await expect(connected(forged)).rejects.toMatchObject({ message: 'unauthenticated' });
	});

	it('a handshake from another origin is refused', async () => {
		const { token } = await signedIn('Eve');
		const socket = client(token, { origin: 'https://evil.example' });
		await expect(connected(socket)).rejects.toBeTruthy();
	});

	it('a socket cannot join a room its user may not see, even with a guessed id', async () => {
		const owner = await signedIn('Owner');
		const org = await newOrganization(owner.user);
		const stranger = await signedIn('Stranger');
		const socket = client(stranger.token);
		await connected(socket);
		expect(await join(socket, org)).toEqual({
			ok: false,
			error: expect.stringContaining('may not see')
		});
		expect(await join(socket, '00000000-0000-4000-8000-000000000000')).toMatchObject({ ok: false });
		expect(await join(socket, 'not-a-uuid')).toMatchObject({ ok: false });
	});

	it('members see each other arrive and leave, and receive committed events', async () => {
		const claire = await signedIn('Claire');
		const org = await newOrganization(claire.user);
		const marc = await signedIn('Marc');
		await sql()`insert into memberships (organization_id, user_id, role) values (${org}, ${marc.user.userId}, 'viewer')`;

		const first = client(claire.token);
		await connected(first);
		const joined = await join(first, org);
		expect(joined).toMatchObject({
			ok: true,
			latestSeq: 1,
			people: [{ name: 'Claire' }],
			present: 1
		});

		const arrival = next(first, 'presence:delta');
		const second = client(marc.token);
		await connected(second);
		// The one who joins gets the list; those already there hear who arrived.
		expect(await join(second, org)).toMatchObject({
			ok: true,
			people: [{ name: 'Claire' }, { name: 'Marc' }],
			present: 2
		});
		expect(await arrival).toEqual({
			room: `organization:${org}`,
			person: { userId: marc.user.userId, name: 'Marc', focus: null },
			present: 2
		});

		const delivered = next(second, 'event');
		await changeMemberRole({ actor: claire.user }, org, {
			userId: marc.user.userId,
			role: 'responder'
		});
		expect(await delivered).toMatchObject({ seq: 2, kind: 'member.role_changed', streamId: org });

		const departure = next(first, 'presence:delta');
		second.close();
		expect(await departure).toEqual({
			room: `organization:${org}`,
			left: marc.user.userId,
			present: 1
		});
	});

	it('in a crowded room a joiner is told how many are there and fifty names, others the count', async () => {
		const owner = await signedIn('Crowd owner');
		const org = await newOrganization(owner.user);
		const crowd = await Promise.all(
			Array.from({ length: PRESENCE_LIST_MAX + 10 }, (_, i) => signedIn(`Watcher ${i}`))
		);
		await sql()`insert into memberships ${sql()(
			crowd.map((w) => ({ organization_id: org, user_id: w.user.userId, role: 'viewer' })),
			'organization_id',
			'user_id',
			'role'
		)}`;
		const sockets = crowd.map((w) => client(w.token));
		await Promise.all(sockets.map(connected));
		for (const socket of sockets) await join(socket, org);

		const last = client(owner.token);
		await connected(last);
		const first = sockets[0] ?? last;
		const everyone = new Promise<PresenceDelta>((resolve) => {
			const heard = (delta: PresenceDelta) => {
				if (delta.present < PRESENCE_LIST_MAX + 11) return;
				first.off('presence:delta', heard);
				resolve(delta);
			};
			first.on('presence:delta', heard);
		});
		const reply = await join(last, org);
		expect(reply).toMatchObject({ ok: true, present: PRESENCE_LIST_MAX + 11 });
		expect(reply.ok && reply.people.length).toBe(PRESENCE_LIST_MAX);
		// Those already there hear the count, not the name: N arrivals would send N² names.
		const delta = await everyone;
		const arrived = (delta.batch ?? [delta]).map((change) => change.person?.name);
		expect(arrived).not.toContain('Crowd owner');

		const departure = new Promise<PresenceDelta>((resolve) =>
			first.once('presence:delta', resolve)
		);
		last.close();
		expect(await departure).toMatchObject({ present: PRESENCE_LIST_MAX + 10 });
		for (const socket of sockets) socket.close();
	});

	it('the heartbeat carries the latest sequence number of the room', async () => {
		const owner = await signedIn('Beat');
		const org = await newOrganization(owner.user);
		const socket = client(owner.token);
		await connected(socket);
		await join(socket, org);
		expect(await next(socket, 'heartbeat')).toEqual({ streamId: org, latestSeq: 1 });
	});

	it('signing out disconnects that session’s sockets and only those', async () => {
		const user = await signedIn('Leaving');
		const other = await createSession(user.user.userId);
		const here = client(user.token);
		const there = client(other.token);
		await Promise.all([connected(here), connected(there)]);
		const ended = next(here, 'session-ended');
		const gone = new Promise((resolve) => here.once('disconnect', resolve));
		await invalidateSession(user.session.id);
		endSocketsOfSessions([user.session.id], 'You signed out.');
		expect(await ended).toEqual({ reason: 'You signed out.' });
		await gone;
		expect(there.connected).toBe(true);
	});
});
