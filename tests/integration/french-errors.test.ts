import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connectClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
	ClientToServerEvents,
	JoinReply,
	ServerToClientEvents
} from '../../src/lib/realtime/protocol';
import { resetRateLimits } from '../../src/lib/server/access/rate-limits';
import { createSession, SESSION_COOKIE } from '../../src/lib/server/auth/session';
import { attachRealtime } from '../../src/lib/server/realtime/server';
import type { NightshiftServer } from '../../src/lib/server/realtime/types';
import { db } from '../../src/lib/server/db/db';
import { call } from './harness/dispatch';
import { discoverHandlers, type Handler } from './harness/routes';
import { addMember, newOrganization, newUser, useTestDatabase } from './setup';

/**
 * The JSON API's refusals read in the reader's language: a French reader (by their profile, or
 * signed out by the browser's Accept-Language) gets French messages, role words included, and
 * an English reader the same refusals in English.
 */

useTestDatabase();
const handlers = await discoverHandlers();

function endpoint(routeId: string, method: string): Handler {
	const found = handlers.find(
		(h) => h.kind === 'endpoint' && h.routeId === routeId && h.method === method
	);
	if (!found) throw new Error(`No ${method} ${routeId}`);
	return found;
}

const INTEGRATIONS = endpoint('/api/v1/orgs/[id=uuid]/integrations', 'POST');
const INCIDENTS = endpoint('/api/v1/orgs/[id=uuid]/incidents', 'POST');
const TIMELINE = endpoint('/api/v1/incidents/[id=uuid]/timeline', 'GET');
const IMPORT = endpoint('/api/v1/orgs/[id=uuid]/inventory/import', 'POST');

let organizationId: string;
let french: string;
let english: string;

async function sessionOf(
	locale: 'en' | 'fr',
	organization: string,
	role: 'responder' | 'admin' = 'responder'
) {
	const person = await addMember(organization, role, `${role} ${locale}`);
	await db()`update users set locale = ${locale} where id = ${person.userId}`;
	return (await createSession(person.userId)).token;
}

function errorOf(body: string): { message: string; fields: Record<string, string> } {
	const parsed = JSON.parse(body) as { error: { message: string; fields: Record<string, string> } };
	return parsed.error;
}

beforeAll(async () => {
	resetRateLimits();
	const owner = await newUser('Owner');
	organizationId = await newOrganization(owner);
	french = await sessionOf('fr', organizationId);
	english = await sessionOf('en', organizationId);
});

describe('refusals in the reader’s language', () => {
	it('a forbidden action names the roles in French words', async () => {
		const answer = await call(
			INTEGRATIONS,
			{ params: { id: organizationId }, json: { kind: 'grafana', name: 'Grafana' } },
			{ session: french }
		);
		expect(answer.status).toBe(403);
		expect(errorOf(answer.body).message).toBe(
			'Il faut être au moins admin pour faire ceci ; vous êtes intervenant.'
		);
		const inEnglish = await call(
			INTEGRATIONS,
			{ params: { id: organizationId }, json: { kind: 'grafana', name: 'Grafana' } },
			{ session: english }
		);
		expect(errorOf(inEnglish.body).message).toBe(
			'Only admins and above may do this; you are responder.'
		);
	});

	it('a field refused by validation is explained in French, zod’s own messages too', async () => {
		const answer = await call(
			INCIDENTS,
			{ params: { id: organizationId }, json: { title: 'x', severity: 'SEV9', mode: 'real' } },
			{ session: french }
		);
		expect(answer.status).toBe(400);
		const error = errorOf(answer.body);
		expect(error.fields.title).toBe('Utilisez au moins 3 caractères pour le titre.');
		expect(error.fields.severity).toBe('Choisissez une gravité de SEV1 à SEV4.');
		expect(error.message).toBe('title: Utilisez au moins 3 caractères pour le titre.');

		const typed = await call(
			INCIDENTS,
			{
				params: { id: organizationId },
				json: { title: 'Shop down', severity: 'SEV1', timezone: 7 }
			},
			{ session: french }
		);
		expect(typed.status).toBe(400);
		expect(errorOf(typed.body).fields.timezone).toMatch(/^Entrée invalide/);
	});

	it('something missing is not found, in French', async () => {
		const answer = await call(
			TIMELINE,
			{ params: { id: crypto.randomUUID() } },
			{ session: french }
		);
		expect(answer.status).toBe(404);
		expect(errorOf(answer.body).message).toBe(
			'Cet incident n’existe pas ou vous ne pouvez pas le voir.'
		);
	});

	it('signed out, the browser’s Accept-Language chooses', async () => {
		const answer = await call(INCIDENTS, {
			params: { id: organizationId },
			json: { title: 'Shop down', severity: 'SEV1' },
			headers: { 'accept-language': 'fr-FR,fr;q=0.9' }
		});
		expect(answer.status).toBe(401);
		expect(errorOf(answer.body).message).toBe('Connectez-vous, ou envoyez un jeton d’API.');
		const inEnglish = await call(INCIDENTS, {
			params: { id: organizationId },
			json: { title: 'Shop down', severity: 'SEV1' }
		});
		expect(errorOf(inEnglish.body).message).toBe('Sign in, or send an API token.');
	});
});

describe('answers given before the routes, in the reader’s language', () => {
	it('the input guard names the place in French, from the browser’s language', async () => {
		const answer = await call(INCIDENTS, {
			params: { id: organizationId },
			json: { title: 'Shop\u0000 down', severity: 'SEV1' },
			headers: { 'accept-language': 'fr-FR,fr;q=0.9' }
		});
		expect(answer.status).toBe(400);
		expect(errorOf(answer.body).message).toBe(
			'Le corps de la requête : title contient un caractère NUL (\\u0000). Retirez-le et renvoyez.'
		);
		const inEnglish = await call(INCIDENTS, {
			params: { id: organizationId },
			json: { title: 'Shop\u0000 down', severity: 'SEV1' }
		});
		expect(errorOf(inEnglish.body).message).toBe(
			'The body: title contains a NUL character (\\u0000). Remove it and send again.'
		);
	});

	it('the body-size guard answers in the language cookie’s language', async () => {
		const answer = await call(INCIDENTS, {
			params: { id: organizationId },
			json: { title: 'Shop down', severity: 'SEV1' },
			// The length a client announces: refused before the body is read.
			headers: { cookie: 'PARAGLIDE_LOCALE=fr', 'content-length': String(300 * 1024) }
		});
		expect(answer.status).toBe(413);
		expect(errorOf(answer.body).message).toBe('La requête est trop grosse : 256 Ko au plus.');
	});

	it('an import’s errors name the line in French', async () => {
		const admin = await sessionOf('fr', organizationId, 'admin');
		const answer = await call(
			IMPORT,
			{
				params: { id: organizationId },
				json: { text: 'hostname,depends_on\nweb01,db09\nweb01,\n' }
			},
			{ session: admin }
		);
		expect(answer.status).toBe(400);
		const error = errorOf(answer.body);
		expect(error.message).toBe('Rien n’a été importé : le fichier a 2 erreurs.');
		expect(Object.values(error.fields)).toEqual([
			'ligne 2, depends_on : aucun élément db09 dans le fichier ni dans l’inventaire',
			'ligne 3, hostname : web01 apparaît deux fois dans le fichier (aussi ligne 2)'
		]);
	});
});

describe('the live socket’s refusals, in the reader’s language', () => {
	type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
	let io: NightshiftServer;
	let url: string;
	const clients: Client[] = [];

	beforeAll(async () => {
		const httpServer = createServer();
		io = attachRealtime(httpServer, { heartbeatMs: 60_000 });
		await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
		url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
	});

	afterAll(async () => {
		for (const client of clients) client.close();
		await io.close();
	});

	function connect(headers: Record<string, string>): Client {
		const socket: Client = connectClient(url, {
			transports: ['websocket'],
			reconnection: false,
			extraHeaders: headers
		});
		clients.push(socket);
		return socket;
	}

	it('a signed-out handshake is refused in the browser’s language', async () => {
		const socket = connect({ 'accept-language': 'fr-FR,fr;q=0.9' });
		const error = await new Promise<Error & { data?: { message?: string } }>((resolve) =>
			socket.once('connect_error', resolve)
		);
		expect(error.data?.message).toBe(
			'Vous n’êtes pas connecté : reconnectez-vous pour voir le direct.'
		);
	});

	it('a room one may not see is refused in the person’s language', async () => {
		const replies: JoinReply[] = [];
		for (const session of [french, english]) {
			const socket = connect({ cookie: `${SESSION_COOKIE}=${session}` });
			await new Promise<void>((resolve, reject) => {
				socket.once('connect', () => resolve());
				socket.once('connect_error', reject);
			});
			replies.push(
				await new Promise<JoinReply>((resolve) =>
					socket.emit('room:join', { kind: 'incident', id: crypto.randomUUID() }, resolve)
				)
			);
		}
		expect(replies).toEqual([
			{ ok: false, error: 'Cette salle n’existe pas ou vous ne pouvez pas la voir.' },
			{ ok: false, error: 'This room does not exist or you may not see it.' }
		]);
	});
});
