import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connectClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type {
	ClientToServerEvents,
	JoinReply,
	ServerToClientEvents,
	DeliveredEvent
} from '../../src/lib/realtime/protocol';
import { createSession, SESSION_COOKIE } from '../../src/lib/server/auth/session';
import { addNote } from '../../src/lib/server/timeline/commands';
import { declareIncident } from '../../src/lib/server/incidents/commands';
import { attachRealtime } from '../../src/lib/server/realtime/server';
import type { NightshiftServer } from '../../src/lib/server/realtime/types';
import { addMember, newOrganization, newUser, useTestDatabase } from './setup';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

useTestDatabase();
const nodes: { http: Server; io: NightshiftServer; url: string }[] = [];
const clients: Client[] = [];

async function startNode() {
	const http = createServer();
	const io = attachRealtime(http, {
		clusterDatabaseUrl: inject('databaseUrl'),
		heartbeatMs: 60_000
	});
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	const node = { http, io, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
	nodes.push(node);
	return node;
}

beforeAll(async () => {
	await startNode();
	// The second node installs the process's publisher: commands publish through node B.
	await startNode();
});

afterAll(async () => {
	for (const c of clients) c.close();
	for (const n of nodes) await n.io.close();
});

async function connect(url: string, token: string): Promise<Client> {
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

function join(socket: Client, id: string): Promise<JoinReply> {
	return new Promise((resolve) => socket.emit('room:join', { kind: 'incident', id }, resolve));
}

describe('several nodes on one PostgreSQL', () => {
	it('an event committed on one node reaches a client connected to another, and presence spans nodes', async () => {
		const [nodeA, nodeB] = nodes;
		if (!nodeA || !nodeB) throw new Error('nodes not started');
		const claire = await newUser('Claire');
		const org = await newOrganization(claire);
		const marc = await addMember(org, 'responder', 'Marc');
		const { result } = await declareIncident({ actor: claire }, org, {
			title: 'Cluster test',
			severity: 'SEV2'
		});
		const onA = await connect(nodeA.url, (await createSession(claire.userId)).token);
		const onB = await connect(nodeB.url, (await createSession(marc.userId)).token);
		await join(onA, result.incidentId);
		const arrival = new Promise<string | undefined>((resolve) => {
			onA.once('presence:delta', ({ person }) => resolve(person?.name));
		});
		// Presence spans nodes: the joiner on B sees Claire on A, and A hears Marc arrive.
		expect(await join(onB, result.incidentId)).toMatchObject({
			people: [{ name: 'Claire' }, { name: 'Marc' }]
		});
		expect(await arrival).toBe('Marc');

		const received = new Promise<DeliveredEvent>((resolve) => onA.once('event', resolve));
		await addNote({ actor: marc }, result.incidentId, { text: 'Published through node B' });
		expect(await received).toMatchObject({
			seq: 2,
			kind: 'timeline.note',
			payload: { text: 'Published through node B' }
		});
	});
});
