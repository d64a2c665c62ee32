import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connectClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
	ClientToServerEvents,
	DeliveredEvent,
	JoinReply,
	RoomRef,
	ServerToClientEvents
} from '../../src/lib/realtime/protocol';
import type { Actor } from '../../src/lib/server/access/actor';
import { createSession, SESSION_COOKIE } from '../../src/lib/server/auth/session';
import { declareIncident } from '../../src/lib/server/incidents/commands';
import { unshareIncident } from '../../src/lib/server/incidents/sharing';
import { changeMemberRole, removeMember } from '../../src/lib/server/organizations/commands';
import { attachRealtime } from '../../src/lib/server/realtime/server';
import type { NightshiftServer } from '../../src/lib/server/realtime/types';
import { addNote } from '../../src/lib/server/timeline/commands';
import { shareAccepted } from './harness/consent';
import { addMember, newOrganization, newUser, useTestDatabase } from './setup';

// Each socket keeps the role it reads a room with (decided at its join). These tests revoke
// that access after the join and check that the very next event is not delivered as before.

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

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
});

afterAll(async () => {
	for (const c of clients) c.close();
	await io.close();
});

async function open(actor: Actor): Promise<Client> {
	const { token } = await createSession(actor.userId);
	const socket: Client = connectClient(url, {
		transports: ['websocket'],
		reconnection: false,
		extraHeaders: { cookie: `${SESSION_COOKIE}=${token}` }
	});
	clients.push(socket);
	const seen: DeliveredEvent[] = [];
	received.set(socket, seen);
	socket.on('event', (event) => seen.push(event));
	await new Promise<void>((resolve, reject) => {
		socket.once('connect', () => resolve());
		socket.once('connect_error', reject);
	});
	return socket;
}

function join(socket: Client, room: RoomRef): Promise<JoinReply> {
	return new Promise((resolve) => socket.emit('room:join', room, resolve));
}

/** Answered after everything the server sent this socket before. */
async function settle(socket: Client) {
	await join(socket, { kind: 'organization', id: '00000000-0000-4000-8000-000000000000' });
}

/** Everything each socket received since it connected. */
const received = new WeakMap<Client, DeliveredEvent[]>();

function record(socket: Client): DeliveredEvent[] {
	return received.get(socket) ?? [];
}

/** The socket's event of this stream and number, once it arrived (it may have already). */
async function nextEvent(socket: Client, streamId: string, seq: number): Promise<DeliveredEvent> {
	for (;;) {
		const found = record(socket).find((e) => e.streamId === streamId && e.seq === seq);
		if (found) return found;
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

async function incidentOf(owner: Actor, organizationId: string): Promise<RoomRef> {
	const { result } = await declareIncident({ actor: owner }, organizationId, {
		title: 'Revoked while watching',
		severity: 'SEV2'
	});
	return { kind: 'incident', id: result.incidentId };
}

describe('a socket whose access is revoked stops receiving at once, though its access is cached', () => {
	it('unshared: the partner’s member leaves the room and gets nothing after', async () => {
		const claire = await newUser('Claire');
		const merchant = await newOrganization(claire);
		const provider = await newOrganization(await newUser('Paul'), 'provider');
		const bea = await addMember(provider, 'responder', 'Bea');
		const room = await incidentOf(claire, merchant);
		await shareAccepted(claire, room.id, provider);

		const watcher = await open(claire);
		const partner = await open(bea);
		expect(await join(watcher, room)).toMatchObject({ ok: true });
		expect(await join(partner, room)).toMatchObject({ ok: true });
		const before = await addNote({ actor: claire }, room.id, { text: 'Still shared' });
		const seenBefore = await nextEvent(partner, room.id, before.events[0]?.seq ?? -1);
		expect(seenBefore).toMatchObject({ kind: 'timeline.note' });

		const already = record(partner).length;
		await unshareIncident({ actor: claire }, room.id, { organizationId: provider });
		const after = await addNote({ actor: claire }, room.id, { text: 'After the unshare' });
		const afterSeq = after.events[0]?.seq ?? -1;
		await nextEvent(watcher, room.id, afterSeq);
		await settle(partner);
		const seen = record(partner).slice(already);
		expect(seen.map((e) => e.seq)).not.toContain(afterSeq);
		expect(seen.filter((e) => 'kind' in e && e.kind === 'timeline.note')).toEqual([]);
		expect(await join(partner, room)).toMatchObject({ ok: false });
	});

	it('demoted: the next event only admins read arrives withheld', async () => {
		const claire = await newUser('Claire');
		const organization = await newOrganization(claire);
		const marc = await addMember(organization, 'admin', 'Marc');
		const zoe = await addMember(organization, 'viewer', 'Zoé');
		const room: RoomRef = { kind: 'organization', id: organization };
		const socket = await open(marc);
		expect(await join(socket, room)).toMatchObject({ ok: true });

		// As an admin, Marc reads what happens to other members' roles.
		const promoted = await changeMemberRole({ actor: claire }, organization, {
			userId: zoe.userId,
			role: 'responder'
		});
		expect(await nextEvent(socket, organization, promoted.events[0]?.seq ?? -1)).toMatchObject({
			kind: 'member.role_changed',
			payload: { userId: zoe.userId }
		});

		const demoted = await changeMemberRole({ actor: claire }, organization, {
			userId: marc.userId,
			role: 'viewer'
		});
		// His own change he still reads.
		expect(await nextEvent(socket, organization, demoted.events[0]?.seq ?? -1)).toMatchObject({
			kind: 'member.role_changed',
			payload: { userId: marc.userId, to: 'viewer' }
		});
		const again = await changeMemberRole({ actor: claire }, organization, {
			userId: zoe.userId,
			role: 'viewer'
		});
		const seq = again.events[0]?.seq ?? -1;
		expect(await nextEvent(socket, organization, seq)).toEqual({
			streamId: organization,
			streamKind: 'organization',
			seq,
			withheld: true
		});
	});

	it('removed from the organization: its room and its incidents’ rooms send nothing more', async () => {
		const claire = await newUser('Claire');
		const organization = await newOrganization(claire);
		const marc = await addMember(organization, 'admin', 'Marc');
		const zoe = await addMember(organization, 'viewer', 'Zoé');
		const orgRoom: RoomRef = { kind: 'organization', id: organization };
		const incident = await incidentOf(claire, organization);

		const watcher = await open(claire);
		const socket = await open(marc);
		for (const room of [orgRoom, incident]) {
			expect(await join(watcher, room)).toMatchObject({ ok: true });
			expect(await join(socket, room)).toMatchObject({ ok: true });
		}
		const before = await addNote({ actor: claire }, incident.id, { text: 'Before' });
		await nextEvent(socket, incident.id, before.events[0]?.seq ?? -1);

		const already = record(socket).length;
		const removal = await removeMember({ actor: claire }, organization, { userId: marc.userId });
		const removedAt = removal.events[0]?.seq ?? -1;
		const note = await addNote({ actor: claire }, incident.id, { text: 'After the removal' });
		const change = await changeMemberRole({ actor: claire }, organization, {
			userId: zoe.userId,
			role: 'responder'
		});
		await nextEvent(watcher, incident.id, note.events[0]?.seq ?? -1);
		await nextEvent(watcher, organization, change.events[0]?.seq ?? -1);
		await settle(socket);
		const seen = record(socket).slice(already);
		expect(seen.filter((e) => e.streamId === incident.id)).toEqual([]);
		expect(seen.filter((e) => e.streamId === organization && e.seq > removedAt)).toEqual([]);
		expect(await join(socket, incident)).toMatchObject({ ok: false });
		expect(await join(socket, orgRoom)).toMatchObject({ ok: false });
	});
});
