import { beforeAll, describe, expect, it } from 'vitest';
import { resetRateLimits } from '../../src/lib/server/access/rate-limits';
import { createSession } from '../../src/lib/server/auth/session';
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

let organizationId: string;
let french: string;
let english: string;

async function sessionOf(locale: 'en' | 'fr', organization: string) {
	const person = await addMember(organization, 'responder', `Responder ${locale}`);
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
