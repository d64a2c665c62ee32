import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { io as connectClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JoinReply } from '../../src/lib/realtime/protocol';
import { createSession, SESSION_COOKIE } from '../../src/lib/server/auth/session';
import { db } from '../../src/lib/server/db/db';
import { declareIncident } from '../../src/lib/server/incidents/commands';
import { attachRealtime } from '../../src/lib/server/realtime/server';
import type { NightshiftServer } from '../../src/lib/server/realtime/types';
import { isStorableText } from '../../src/lib/text/storable';
import { newOrganization, newUser, useTestDatabase } from './setup';

/**
 * Property: whatever a signed-in client sends on its socket (the declared messages with
 * hostile text in every place: NUL, lone surrogates, CR/LF, junk shapes, or messages nobody
 * declared), the server keeps serving it, writes nothing, and never passes unstorable text on
 * to the other people in the room.
 */

// The raw socket, to send what the typed contract (ClientToServerEvents) would not let through.
type RawClient = Socket;

useTestDatabase();
let httpServer: Server;
let io: NightshiftServer;
let url: string;
const clients: RawClient[] = [];

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

async function connect(token: string): Promise<RawClient> {
	const socket = connectClient(url, {
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

function join(socket: RawClient, id: string): Promise<JoinReply> {
	return new Promise((resolve) =>
		socket.emit('room:join', { kind: 'incident', id }, (answer: JoinReply) => resolve(answer))
	);
}

const hostile = fc.oneof(
	fc.constantFrom(
		'\u0000',
		'x\u0000y',
		'\ud800',
		'a\udc00b',
		'\udfff\ud800',
		'\r\n',
		'/x\r\nSet-Cookie: a=b',
		'/\t/evil.example',
		'',
		'incident',
		'organization',
		'00000000-0000-0000-0000-000000000000'
	),
	fc.string({ unit: 'binary', maxLength: 20 }),
	fc.string({ minLength: 200, maxLength: 2000 })
);

async function eventRows(): Promise<number> {
	const [row] = await db()<{ n: number }[]>`select count(*)::int as n from events`;
	return row?.n ?? 0;
}

describe('random messages on a socket', () => {
	it('are refused or ignored: the socket stays served, nothing is written, peers get only storable text', async () => {
		const owner = await newUser('Claire');
		const org = await newOrganization(owner);
		const { result } = await declareIncident({ actor: owner }, org, {
			title: 'Socket fuzz',
			severity: 'SEV2'
		});
		const incidentId = result.incidentId;
		const token = (await createSession(owner.userId)).token;
		const sender = await connect(token);
		const peer = await connect(token);
		expect(await join(peer, incidentId)).toMatchObject({ ok: true });
		const focusSeen: unknown[] = [];
		peer.on('presence:delta', (delta: { person?: { focus: unknown } }) => {
			if (delta.person) focusSeen.push(delta.person.focus);
		});
		const ref = fc.oneof(
			fc.constant({ kind: 'incident', id: incidentId }),
			fc.record({ kind: fc.oneof(fc.constant('incident'), hostile), id: hostile }),
			fc.record({ kind: fc.constant('incident'), id: fc.constant(incidentId), extra: hostile }),
			hostile,
			fc.jsonValue({ maxDepth: 2 })
		);
		const message = fc.oneof(
			fc.tuple(fc.constant('room:join'), ref),
			fc.tuple(fc.constant('room:leave'), ref),
			fc.tuple(fc.constant('presence:focus'), ref, fc.oneof(hostile, fc.constant(null))),
			fc.tuple(hostile, hostile)
		);
		// Each batch ends with a hostile focus in the room the sender is in: it must not spread.
		const batch = fc
			.tuple(fc.array(message, { minLength: 0, maxLength: 3 }), hostile)
			.map(([messages, focus]) => [
				...messages,
				['presence:focus', { kind: 'incident', id: incidentId }, focus]
			]);
		const before = await eventRows();
		await fc.assert(
			fc.asyncProperty(batch, async (messages) => {
				expect(await join(sender, incidentId)).toMatchObject({ ok: true });
				const replies: JoinReply[] = [];
				for (const [name, ...args] of messages) {
					if (name === 'room:join')
						sender.emit(name, ...args, (answer: JoinReply) => replies.push(answer));
					else sender.emit(String(name), ...args);
				}
				// Answered in order: a valid join after them proves the socket is still served.
				expect(await join(sender, incidentId)).toMatchObject({ ok: true });
				expect(sender.connected).toBe(true);
				for (const reply of replies) expect(reply.ok || typeof reply.error === 'string').toBe(true);
			}),
			{ numRuns: Number(process.env.FUZZ_RUNS ?? 60) }
		);
		expect(await eventRows()).toBe(before);
		for (const focus of focusSeen)
			expect(focus === null || (typeof focus === 'string' && isStorableText(focus))).toBe(true);
	}, 120_000);
});
