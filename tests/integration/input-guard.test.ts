import type { RequestEvent } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { handle } from '../../src/hooks.server';
import { resetRateLimits } from '../../src/lib/server/access/rate-limits';
import { createSession, SESSION_COOKIE } from '../../src/lib/server/auth/session';
import { db } from '../../src/lib/server/db/db';
import { declareIncident } from '../../src/lib/server/incidents/commands';
import { newOrganization, newUser, useTestDatabase } from './setup';

/**
 * Text PostgreSQL cannot store (a NUL, a lone surrogate) is refused where it enters, through
 * the app's real hook, with a 400 that names the place, and nothing is written; line breaks
 * and other characters in `next` never reach a header.
 */

useTestDatabase();
const ORIGIN = 'http://nightshift.test';

async function world() {
	await resetRateLimits();
	const user = await newUser('Claire');
	const org = await newOrganization(user);
	const { result } = await declareIncident({ actor: user }, org, {
		title: 'Shop down',
		severity: 'SEV1'
	});
	const session = (await createSession(user.userId)).token;
	return { user, org, incidentId: result.incidentId as string, session };
}

/** Through the hook; the route behind it answers 'reached the route' if it is reached. */
async function send(path: string, init: RequestInit & { session?: string } = {}) {
	const headers = new Headers(init.headers);
	headers.set('origin', ORIGIN);
	if (init.session) headers.set('cookie', `${SESSION_COOKIE}=${init.session}`);
	const request = new Request(`${ORIGIN}${path}`, { ...init, headers });
	let reached = false;
	const event = {
		request,
		url: new URL(request.url),
		params: {},
		route: { id: null },
		locals: {},
		cookies: {
			get: (name: string) => (name === SESSION_COOKIE ? init.session : undefined),
			set: () => undefined,
			delete: () => undefined
		},
		getClientAddress: () => '127.0.0.1',
		setHeaders: () => undefined
	} as unknown as RequestEvent;
	const response = await handle({
		event,
		resolve: () => {
			reached = true;
			return new Response('reached the route');
		}
	});
	return { status: response.status, body: await response.text(), reached, response };
}

async function eventCount(incidentId: string) {
	const [row] = await db()<{ n: number }[]>`
		select count(*)::int as n from events where stream_id = ${incidentId}`;
	return row?.n ?? 0;
}

describe('text that cannot be stored is refused where it enters', () => {
	it('a lone surrogate in a JSON note: 400 naming the field, and no event written', async () => {
		const { incidentId, session } = await world();
		const before = await eventCount(incidentId);
		const answer = await send(`/api/v1/incidents/${incidentId}/notes`, {
			method: 'POST',
			session,
			headers: { 'content-type': 'application/json' },
			body: '{"text":"db01 restored \\ud800"}'
		});
		expect(answer.status).toBe(400);
		expect(answer.reached).toBe(false);
		expect(JSON.parse(answer.body)).toMatchObject({
			error: { code: 'invalid', message: expect.stringContaining('text contains a lone UTF-16') }
		});
		expect(await eventCount(incidentId)).toBe(before);
	});

	it('a NUL escape anywhere in a JSON body, even sent as text/plain or in a field name', async () => {
		const { incidentId, session } = await world();
		for (const body of [
			'{"reason":"x\\u0000"}',
			'{"a\\u0000":1}',
			'{"list":[{"deep":"\\udc00"}]}'
		]) {
			const answer = await send(`/api/v1/incidents/${incidentId}/notes`, {
				method: 'POST',
				session,
				headers: { 'content-type': 'text/plain' },
				body
			});
			expect(answer.status, body).toBe(400);
		}
	});

	it('a NUL in the query string of the inventory API and page (?q=, ?tag=)', async () => {
		const { org, session } = await world();
		for (const path of [
			`/api/v1/orgs/${org}/inventory?q=%00`,
			`/api/v1/orgs/${org}/inventory?tag=web%00`,
			`/orgs/${org}/inventory?q=a%00b`,
			`/orgs/${org}/inventory?tag=%00`
		]) {
			const answer = await send(path, { session });
			expect(answer.status, path).toBe(400);
			expect(answer.body).toContain('contains a NUL');
		}
	});

	it('a NUL in a form field and in an uploaded JSON import', async () => {
		const { org, session } = await world();
		const form = new FormData();
		form.set('hostname', 'web\u000001');
		const field = await send(`/orgs/${org}/inventory/new`, { method: 'POST', session, body: form });
		expect(field.status).toBe(400);
		expect(field.body).toContain('hostname');

		const upload = new FormData();
		upload.set('file', new File(['[{"hostname":"web01\\u0000"}]'], 'items.json'));
		const file = await send(`/orgs/${org}/inventory/import`, {
			method: 'POST',
			session,
			body: upload
		});
		expect(file.status).toBe(400);
		expect(file.body).toContain('items.json');
		expect(file.body).toContain('[0].hostname');
	});

	it('an action sent by the page gets an action result it can show', async () => {
		const { org, session } = await world();
		const form = new FormData();
		form.set('text', '[{"hostname":"a\\ud800"}]');
		const answer = await send(`/orgs/${org}/inventory/import`, {
			method: 'POST',
			session,
			headers: { 'x-sveltekit-action': 'true' },
			body: form
		});
		expect(answer.status).toBe(400);
		expect(JSON.parse(answer.body)).toMatchObject({ type: 'error', status: 400 });
	});

	it('a NUL or lone surrogate in `next`; a CR/LF or non-Latin-1 `next` is encoded, never a 500', async () => {
		const nul = await send('/signin?next=/dashboard%00');
		expect(nul.status).toBe(400);
		const form = new FormData();
		form.set('email', 'a@b.test');
		form.set('next', '/x\u0000');
		expect((await send('/signin', { method: 'POST', body: form })).status).toBe(400);
	});
});

describe('what a signed-in answer lets browsers and proxies keep', () => {
	it('signed-in pages are private and not stored; the service worker learns whose they are', async () => {
		const { incidentId, session } = await world();
		const page = await send(`/incidents/${incidentId}`, { session });
		expect(page.response.headers.get('cache-control')).toBe('private, no-store');
		expect(page.response.headers.get('x-nightshift-person')).toMatch(/^[0-9a-f]{20}$/);
		const api = await send(`/api/v1/incidents/${incidentId}/run`, { session });
		expect(api.response.headers.get('cache-control')).toBe('no-store');
		expect(api.response.headers.get('x-nightshift-person')).toBeNull();
		const anonymous = await send('/signin');
		expect(anonymous.response.headers.get('cache-control')).toBeNull();
	});
});
