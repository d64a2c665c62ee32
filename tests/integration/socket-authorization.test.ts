import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connectClient, type Socket } from 'socket.io-client';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
	ClientToServerEvents,
	JoinReply,
	RoomRef,
	ServerToClientEvents,
	DeliveredEvent
} from '../../src/lib/realtime/protocol';
import { ROLES } from '../../src/lib/organizations/roles';
import { PERMISSIONS } from '../../src/lib/server/access/permissions';
import { SOCKET_EVENT_PERMISSIONS } from '../../src/lib/server/access/socket-permissions';
import { createSession, SESSION_COOKIE } from '../../src/lib/server/auth/session';
import { MAX_SOCKET_MESSAGE_BYTES } from '../../src/lib/server/realtime/server';
import { leaveIncident, unshareIncident } from '../../src/lib/server/incidents/sharing';
import { shareAccepted } from './harness/consent';
import { removeMember } from '../../src/lib/server/organizations/commands';
import { attachRealtime } from '../../src/lib/server/realtime/server';
import type { NightshiftServer } from '../../src/lib/server/realtime/types';
import { addNote } from '../../src/lib/server/timeline/commands';
import { atLeast, buildWorld, freshIncident, roleIn, type Who, type World } from './harness/world';
import { addMember, useTestDatabase } from './setup';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

useTestDatabase();
let httpServer: Server;
let io: NightshiftServer;
let url: string;
let world: World;
const clients: Client[] = [];

beforeAll(async () => {
	world = await buildWorld();
	httpServer = createServer();
	io = attachRealtime(httpServer, { heartbeatMs: 60_000 });
	await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
	for (const c of clients) c.close();
	await io.close();
});

/** The client-to-server events of the typed map, read from protocol.ts itself. */
function declaredClientEvents(): string[] {
	const file = 'src/lib/realtime/protocol.ts';
	const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
	const names: string[] = [];
	source.forEachChild((node) => {
		if (ts.isInterfaceDeclaration(node) && node.name.text === 'ClientToServerEvents') {
			for (const member of node.members) {
				if (member.name && (ts.isStringLiteral(member.name) || ts.isIdentifier(member.name)))
					names.push(member.name.text);
			}
		}
	});
	return names.sort();
}

async function open(who: Who): Promise<Client> {
	const socket: Client = connectClient(url, {
		transports: ['websocket'],
		reconnection: false,
		extraHeaders: who.person ? { cookie: `${SESSION_COOKIE}=${who.person.session}` } : {}
	});
	clients.push(socket);
	await new Promise<void>((resolve, reject) => {
		socket.once('connect', () => resolve());
		socket.once('connect_error', reject);
	});
	return socket;
}

function join(socket: Client, room: RoomRef): Promise<JoinReply> {
	return new Promise((resolve) => socket.emit('room:join', room, resolve));
}

/** Every message the server wrote to this socket before now has arrived: a round trip. */
async function settle(socket: Client) {
	await join(socket, { kind: 'organization', id: '00000000-0000-4000-8000-000000000000' });
}

/** What a socket received, loosely typed: a test reads any field of any payload. */
type Seen = { kind: string; seq: number; payload: Record<string, unknown> };

function record(socket: Client): Seen[] {
	const seen: Seen[] = [];
	socket.on('event', (event) => seen.push(event as unknown as Seen));
	return seen;
}

function nextEvent(socket: Client, streamId: string): Promise<Seen> {
	return new Promise((resolve) => {
		const listener = (event: DeliveredEvent) => {
			if (event.streamId !== streamId) return;
			socket.off('event', listener);
			resolve(event as unknown as Seen);
		};
		socket.on('event', listener);
	});
}

const people = () => world.actors.filter((who) => who.kind === 'person');

describe('the socket event table', () => {
	it('names every client event of the typed map in protocol.ts', () => {
		expect(Object.keys(SOCKET_EVENT_PERMISSIONS).sort()).toEqual(declaredClientEvents());
	});

	it('refuses a handshake without a session, an API token included', async () => {
		const token = world.tokens[0];
		const socket: Client = connectClient(url, {
			transports: ['websocket'],
			reconnection: false,
			extraHeaders: { authorization: `Bearer ${token?.bearer ?? ''}` }
		});
		clients.push(socket);
		await expect(
			new Promise<void>((resolve, reject) => {
				socket.once('connect', () => resolve());
				socket.once('connect_error', reject);
			})
		).rejects.toMatchObject({ message: 'unauthenticated' });
	});
});

describe('room:join, for every role, for the hoster and for outsiders', () => {
	const { permission } = SOCKET_EVENT_PERMISSIONS['room:join'];
	const rooms = () =>
		[
			{
				label: 'shared incident',
				ref: { kind: 'incident', id: world.shared },
				orgs: [world.merchant, world.provider]
			},
			{
				label: 'unshared incident',
				ref: { kind: 'incident', id: world.unshared },
				orgs: [world.merchant]
			},
			{
				label: 'merchant organization',
				ref: { kind: 'organization', id: world.merchant },
				orgs: [world.merchant]
			}
		] as const;

	it(`is allowed to ${PERMISSIONS[permission]}s and above of an organization taking part, and no one else`, async () => {
		const mismatches: string[] = [];
		for (const who of people()) {
			const socket = await open(who);
			for (const room of rooms()) {
				const expected = atLeast(roleIn(world, who, [...room.orgs]), PERMISSIONS[permission]);
				const reply = await join(socket, room.ref);
				if (reply.ok !== expected)
					mismatches.push(
						`${who.label} joining the ${room.label}: expected ${expected}, got ${reply.ok}`
					);
			}
			socket.close();
		}
		expect(mismatches).toEqual([]);
	});

	it('gives nothing for a guessed id, an id of the wrong kind or a malformed one', async () => {
		const socket = await open(world.actors[0] as Who);
		for (const ref of [
			{ kind: 'incident', id: '6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b' },
			{ kind: 'incident', id: world.merchant },
			{ kind: 'organization', id: world.shared },
			{ kind: 'incident', id: 'not-an-id' }
		] as RoomRef[]) {
			expect(await join(socket, ref)).toMatchObject({ ok: false });
		}
	});
});

describe('events of an incident reach only those who may see it', () => {
	it('an outsider who tried to join receives none of its events', async () => {
		const outsider = world.actors.find((w) => w.side === 'outsider') as Who;
		const owner = world.actors[3] as Who;
		const spy = await open(outsider);
		const seen = record(spy);
		expect(await join(spy, { kind: 'incident', id: world.shared })).toMatchObject({ ok: false });
		const control = await open(owner);
		await join(control, { kind: 'incident', id: world.shared });
		const arrived = nextEvent(control, world.shared);
		await addNote({ actor: world.people.merchant.owner }, world.shared, { text: 'Secret plan' });
		await arrived;
		await settle(spy);
		expect(seen).toEqual([]);
	});

	it('a hoster removed from the incident stops receiving its events at once, and cannot rejoin', async () => {
		const owner = world.people.merchant.owner;
		const incidentId = await freshIncident(owner, world.merchant, world.provider, true);
		const hoster = await open(world.actors.find((w) => w.label === 'provider responder') as Who);
		const control = await open(world.actors.find((w) => w.label === 'merchant viewer') as Who);
		const room = { kind: 'incident', id: incidentId } as const;
		expect(await join(hoster, room)).toMatchObject({ ok: true });
		await join(control, room);
		const before = nextEvent(hoster, incidentId);
		await addNote({ actor: owner }, incidentId, { text: 'Before' });
		expect((await before).kind).toBe('timeline.note');

		// Its own departure is the last event it receives: the room can say it was removed.
		const departure = nextEvent(hoster, incidentId);
		await unshareIncident({ actor: owner }, incidentId, { organizationId: world.provider });
		expect((await departure).kind).toBe('incident.unshared');
		const seen = record(hoster);
		const after = nextEvent(control, incidentId);
		await addNote({ actor: owner }, incidentId, { text: 'After the hoster left' });
		await after;
		await settle(hoster);
		expect(seen.filter((e) => e.payload.text === 'After the hoster left')).toEqual([]);
		expect(await join(hoster, room)).toMatchObject({ ok: false });

		await shareAccepted(owner, incidentId, world.provider);
		expect(await join(hoster, room)).toMatchObject({ ok: true });
	});

	it('a hoster that leaves hears its own departure, then nothing more', async () => {
		const owner = world.people.merchant.owner;
		const incidentId = await freshIncident(owner, world.merchant, world.provider, true);
		const hoster = await open(world.actors.find((w) => w.label === 'provider responder') as Who);
		const control = await open(world.actors.find((w) => w.label === 'merchant viewer') as Who);
		const room = { kind: 'incident', id: incidentId } as const;
		await join(hoster, room);
		await join(control, room);
		const departure = nextEvent(hoster, incidentId);
		await leaveIncident({ actor: world.people.provider.owner }, incidentId, {
			organizationId: world.provider
		});
		const departed = await departure;
		expect(departed.kind).toBe('incident.left');
		const seen = record(hoster);
		const after = nextEvent(control, incidentId);
		await addNote({ actor: owner }, incidentId, { text: 'After the hoster left' });
		await after;
		await settle(hoster);
		// The departure may arrive twice (sent to it, and broadcast): clients keep one by seq.
		expect(seen.filter((e) => e.seq > departed.seq)).toEqual([]);
	});

	it('a member removed from the hoster leaves the rooms of incidents seen through it', async () => {
		const owner = world.people.merchant.owner;
		const incidentId = await freshIncident(owner, world.merchant, world.provider, true);
		const leaving = await addMember(world.provider, 'responder', 'Leaving engineer');
		const session = (await createSession(leaving.userId)).token;
		const who: Who = {
			label: 'leaving',
			side: 'provider',
			role: 'responder',
			kind: 'person',
			person: { ...leaving, session },
			bearer: null
		};
		const socket = await open(who);
		const control = await open(world.actors.find((w) => w.label === 'merchant viewer') as Who);
		await join(socket, { kind: 'incident', id: incidentId });
		await join(control, { kind: 'incident', id: incidentId });
		await removeMember({ actor: world.people.provider.owner }, world.provider, {
			userId: leaving.userId
		});
		const seen = record(socket);
		const after = nextEvent(control, incidentId);
		await addNote({ actor: owner }, incidentId, { text: 'After removal' });
		await after;
		await settle(socket);
		expect(seen).toEqual([]);
	});
});

describe('presence:focus and room:leave', () => {
	it('presence:focus for a room the socket did not join changes nothing there', async () => {
		const outsider = await open(world.actors.find((w) => w.side === 'outsider') as Who);
		const member = await open(world.actors.find((w) => w.label === 'merchant responder') as Who);
		const presences: string[][] = [];
		const room = { kind: 'incident', id: world.unshared } as const;
		await join(member, room);
		member.on('presence:delta', (update) =>
			presences.push(update.person ? [update.person.name] : [])
		);
		outsider.emit('presence:focus', room, 'some-step');
		await settle(outsider);
		await settle(member);
		expect(presences.flat()).not.toContain('Outsider');
	});

	it('room:leave is harmless for anyone signed in, whatever the room', async () => {
		for (const role of ROLES) {
			const socket = await open(world.actors.find((w) => w.label === `provider ${role}`) as Who);
			socket.emit('room:leave', { kind: 'incident', id: world.unshared });
			socket.emit('room:leave', { kind: 'organization', id: 'nonsense' } as unknown as RoomRef);
			await settle(socket);
			expect(socket.connected).toBe(true);
			socket.close();
		}
	});
});

describe('socket message size', () => {
	it(`a message larger than ${MAX_SOCKET_MESSAGE_BYTES / 1024} KB ends the connection`, async () => {
		const socket = await open(world.actors.find((w) => w.label === 'merchant viewer') as Who);
		const gone = new Promise<string>((resolve) => socket.once('disconnect', resolve));
		socket.emit(
			'presence:focus',
			{ kind: 'incident', id: world.shared },
			'x'.repeat(MAX_SOCKET_MESSAGE_BYTES + 1)
		);
		expect(await gone).toBe('transport close');
	});
});
