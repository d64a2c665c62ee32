import type { RequestEvent } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { handle, handleError } from '../../src/hooks.server';
import { limits, resetRateLimits, type Limit } from '../../src/lib/server/access/rate-limits';
import {
	MAX_API_BODY_BYTES,
	MAX_FORM_BODY_BYTES
} from '../../src/lib/server/access/request-guards';
import { createSession } from '../../src/lib/server/auth/session';
import { db } from '../../src/lib/server/db/db';
import { createInvite, INVITES_PER_HOUR } from '../../src/lib/server/organizations/invites';
import { load } from '../../src/routes/(auth)/invite/[token]/+page.server';
import { call } from './harness/dispatch';
import type { Handler } from './harness/routes';
import { newOrganization, newUser, useTestDatabase } from './setup';

useTestDatabase();

/** Spends a whole window of `limit` under `key`, as `max` requests would have. */
async function exhaust(key: string, limit: Limit) {
	await db()`
		insert into rate_counters (key, hits, reset_at) values (${key}, ${limit.max}, now() + interval '1 minute')
		on conflict (key) do update set hits = excluded.hits, reset_at = excluded.reset_at`;
}

const inventory = (method: 'GET' | 'POST'): Handler => ({
	kind: 'endpoint',
	key: `${method} /api/v1/orgs/[id=uuid]/inventory`,
	routeId: '/api/v1/orgs/[id=uuid]/inventory',
	method
});

async function owner() {
	const user = await newUser('Claire');
	const org = await newOrganization(user);
	const session = (await createSession(user.userId)).token;
	return { user, org, session };
}

/** A bare request through the hook, for what a client could send that the harness would not. */
async function raw(request: Request): Promise<Response> {
	const event = {
		request,
		url: new URL(request.url),
		params: {},
		route: { id: null },
		locals: {},
		cookies: { get: () => undefined, set: () => undefined, delete: () => undefined },
		getClientAddress: () => '127.0.0.1'
	} as unknown as RequestEvent;
	return handle({ event, resolve: () => new Response('reached the route') });
}

describe('request limits', () => {
	it('refuses a JSON body over the API limit, and a form over the form limit, before reading it', async () => {
		const big = (bytes: number) => ({
			'content-length': String(bytes + 1),
			origin: 'http://x.test'
		});
		const api = await raw(
			new Request('http://x.test/api/v1/orgs/x/inventory', {
				method: 'POST',
				headers: big(MAX_API_BODY_BYTES)
			})
		);
		expect(api.status).toBe(413);
		expect(await api.json()).toMatchObject({
			error: { message: expect.stringContaining('256 KB') }
		});
		const form = await raw(
			new Request('http://x.test/orgs/x/inventory/import', {
				method: 'POST',
				headers: big(MAX_FORM_BODY_BYTES)
			})
		);
		expect(form.status).toBe(413);
		const fine = await raw(
			new Request('http://x.test/orgs/x/inventory/import', {
				method: 'POST',
				headers: { 'content-length': String(MAX_API_BODY_BYTES * 2) }
			})
		);
		expect(fine.status).toBe(200);
	});

	it('refuses a cross-site JSON write without a token', async () => {
		const answer = await raw(
			new Request('http://x.test/api/v1/orgs/x/inventory', {
				method: 'POST',
				headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
				body: '{}'
			})
		);
		expect(answer.status).toBe(403);
	});

	it('rate-limits the JSON API per person (429 with Retry-After)', async () => {
		await resetRateLimits();
		const { user, org, session } = await owner();
		await exhaust(`api:user:${user.userId}`, limits().api);
		const answer = await call(inventory('GET'), { params: { id: org } }, { session });
		expect(answer.status).toBe(429);
		expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'rate_limited' } });
		await resetRateLimits();
		expect((await call(inventory('GET'), { params: { id: org } }, { session })).status).toBe(200);
	});

	it('rate-limits invites: per organization and hour, and invite links opened per address', async () => {
		const { user, org } = await owner();
		for (let i = 0; i < INVITES_PER_HOUR; i++) {
			await createInvite({ actor: user }, org, { role: 'viewer' });
		}
		await expect(createInvite({ actor: user }, org, { role: 'viewer' })).rejects.toMatchObject({
			code: 'rate_limited'
		});
		await resetRateLimits();
		await exhaust('invite:127.0.0.1', limits().inviteLink);
		await expect(
			load({
				params: { token: 'guess' },
				locals: { user: null },
				getClientAddress: () => '127.0.0.1'
			} as unknown as Parameters<typeof load>[0])
		).rejects.toMatchObject({ status: 429 });
		await resetRateLimits();
	});
});

describe('errors', () => {
	it('never show a stack trace or SQL to the client: only an id to quote', async () => {
		const bug = Object.assign(new Error('relation "secret_table" does not exist'), {
			query: 'select * from secret_table'
		});
		const event = {
			locals: { requestId: 'req-1' },
			url: new URL('http://x.test/api/v1/x')
		} as unknown as RequestEvent;
		const shown = await handleError({ error: bug, event, status: 500, message: 'Internal Error' });
		expect(shown).toEqual({ message: 'Something went wrong on our side.', id: 'req-1' });
		expect(JSON.stringify(shown)).not.toMatch(/secret_table|select|at /);
	});
});
