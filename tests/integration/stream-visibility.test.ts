import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connectClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
	ClientToServerEvents,
	DeliveredEvent,
	JoinReply,
	ServerToClientEvents
} from '../../src/lib/realtime/protocol';
import { createApiToken } from '../../src/lib/server/access/api-tokens';
import { createSession, SESSION_COOKIE } from '../../src/lib/server/auth/session';
import { createItem } from '../../src/lib/server/inventory/commands';
import { changeMemberRole } from '../../src/lib/server/organizations/commands';
import { createInvite } from '../../src/lib/server/organizations/invites';
import { attachRealtime } from '../../src/lib/server/realtime/server';
import type { NightshiftServer } from '../../src/lib/server/realtime/types';
import { GET as EVENTS } from '../../src/routes/api/v1/streams/[id=uuid]/events/+server';
import { addMember, newOrganization, newUser, useTestDatabase } from './setup';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
type User = { userId: string; name: string };

useTestDatabase();
let httpServer: Server;
let io: NightshiftServer;
let url: string;
const clients: Client[] = [];

beforeAll(async () => {
	httpServer = createServer();
	io = attachRealtime(httpServer, { heartbeatMs: 60_000 });
	await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
	for (const c of clients) c.close();
	await io.close();
});

const PRIVATE_KINDS = /^(member|invite|token)\./;

async function readStream(user: User, streamId: string, after = 0) {
	const response = await EVENTS({
		locals: {
			user: {
				id: user.userId,
				email: 'x@example.test',
				displayName: user.name,
				timezone: 'UTC',
				locale: 'en'
			}
		},
		params: { id: streamId },
		url: new URL(`http://localhost/?after=${after}`)
	} as unknown as Parameters<typeof EVENTS>[0]);
	expect(response.status).toBe(200);
	return (await response.json()) as { events: DeliveredEvent[]; latestSeq: number };
}

async function connect(user: User): Promise<Client> {
	const { token } = await createSession(user.userId);
	const socket: Client = connectClient(url, {
		transports: ['websocket'],
		reconnection: false,
		extraHeaders: { cookie: `${SESSION_COOKIE}=${token}` }
	});
	clients.push(socket);
	await new Promise<void>((resolve, reject) => {
		socket.once('connect', () => resolve());
		socket.once('connect_error', reject);
	});
	return socket;
}

function nextEvent(socket: Client): Promise<DeliveredEvent> {
	return new Promise((resolve) => socket.once('event', resolve));
}

async function organization() {
	const owner = await newUser('Claire');
	const organizationId = await newOrganization(owner);
	const admin = await addMember(organizationId, 'admin', 'Adèle');
	const viewer = await addMember(organizationId, 'viewer', 'Victor');
	const other = await addMember(organizationId, 'viewer', 'Rémi');
	return { owner, admin, viewer, other, organizationId };
}

/** Invites, tokens and role changes: what only the audit log shows. */
async function privateChanges(owner: User, organizationId: string, memberId: string) {
	await createInvite({ actor: owner }, organizationId, { role: 'responder' });
	await createApiToken({ actor: owner }, organizationId, { name: 'Monitoring', role: 'viewer' });
	await changeMemberRole({ actor: owner }, organizationId, { userId: memberId, role: 'responder' });
}

describe('what a viewer reads on an organization’s stream', () => {
	it('the stream API (what a resync reads) withholds invite, token and membership events from a viewer, not from an admin', async () => {
		const { owner, admin, viewer, other, organizationId } = await organization();
		await privateChanges(owner, organizationId, other.userId);
		await createItem({ actor: owner }, organizationId, { hostname: 'web01' });

		const asAdmin = await readStream(admin, organizationId);
		const asViewer = await readStream(viewer, organizationId);
		const kinds = asAdmin.events.map((e) => ('withheld' in e ? 'withheld' : e.kind));
		expect(kinds).toEqual(
			expect.arrayContaining(['invite.created', 'token.created', 'member.role_changed'])
		);
		expect(kinds).not.toContain('withheld');

		// The viewer keeps every sequence number (no gap to resync forever) and nothing else.
		expect(asViewer.events.map((e) => e.seq)).toEqual(asAdmin.events.map((e) => e.seq));
		expect(asViewer.latestSeq).toBe(asAdmin.latestSeq);
		for (const event of asViewer.events) {
			if ('withheld' in event) {
				expect(Object.keys(event).sort()).toEqual(['seq', 'streamId', 'streamKind', 'withheld']);
			} else {
				expect(event.kind).not.toMatch(PRIVATE_KINDS);
			}
		}
		const readable = asViewer.events.flatMap((e) => ('withheld' in e ? [] : [e.kind]));
		expect(readable).toContain('inventory.created');
		expect(JSON.stringify(asViewer)).not.toContain('Monitoring');

		// A resync from the middle of the stream gets the same answer.
		const half = Math.floor(asAdmin.latestSeq / 2);
		const resync = await readStream(viewer, organizationId, half);
		expect(resync.events).toEqual(asViewer.events.filter((e) => e.seq > half));
	});

	it('the live room delivers them whole to an admin and only as a withheld place to a viewer', async () => {
		const { owner, admin, viewer, other, organizationId } = await organization();
		const room = { kind: 'organization' as const, id: organizationId };
		const adminSocket = await connect(admin);
		const viewerSocket = await connect(viewer);
		for (const socket of [adminSocket, viewerSocket]) {
			const reply = await new Promise<JoinReply>((resolve) =>
				socket.emit('room:join', room, resolve)
			);
			expect(reply).toMatchObject({ ok: true });
		}

		const toAdmin = nextEvent(adminSocket);
		const toViewer = nextEvent(viewerSocket);
		await createInvite({ actor: owner }, organizationId, { role: 'responder' });
		const [whole, withheld] = await Promise.all([toAdmin, toViewer]);
		expect(whole).toMatchObject({ kind: 'invite.created', payload: { role: 'responder' } });
		expect(withheld).toEqual({
			streamId: organizationId,
			streamKind: 'organization',
			seq: whole.seq,
			withheld: true
		});

		for (const change of [
			() => createApiToken({ actor: owner }, organizationId, { name: 'CI', role: 'viewer' }),
			() =>
				changeMemberRole({ actor: owner }, organizationId, {
					userId: other.userId,
					role: 'responder'
				})
		]) {
			const seen = nextEvent(viewerSocket);
			await change();
			expect(await seen).toMatchObject({ withheld: true });
		}

		// What every member reads still reaches the viewer whole.
		const item = nextEvent(viewerSocket);
		await createItem({ actor: owner }, organizationId, { hostname: 'db01' });
		expect(await item).toMatchObject({ kind: 'inventory.created', payload: { hostname: 'db01' } });
	});
});
