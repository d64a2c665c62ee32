import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/lib/server/access/api-tokens';
import { createSession } from '../../src/lib/server/auth/session';
import { listEventsAfter } from '../../src/lib/server/events/queries';
import { declareIncident } from '../../src/lib/server/incidents/commands';
import { createItem } from '../../src/lib/server/inventory/commands';
import { call } from './harness/dispatch';
import { endpointHandler, type Handler } from './harness/routes';
import { newOrganization, newUser, useTestDatabase } from './setup';

/**
 * Who acted and through which channel (access/actor-of.ts): a bearer token is recorded as
 * `api`, a person signed in as `manual`, whether they used a form or the JSON API from the
 * room. And the API's shared conventions: clientMutationId applied once, If-Match, errors.
 */

useTestDatabase();

const action = (routeId: string, name: string): Handler => ({
	kind: 'action',
	key: `action ${routeId} ${name}`,
	routeId,
	name
});
const NOTES = endpointHandler('POST', '/api/v1/incidents/[id=uuid]/notes');

async function setting() {
	const owner = await newUser('Claire');
	const organizationId = await newOrganization(owner);
	const session = (await createSession(owner.userId)).token;
	const { token } = await createApiToken({ actor: owner }, organizationId, {
		name: 'Zabbix',
		role: 'responder'
	});
	const { incidentId } = (
		await declareIncident({ actor: owner }, organizationId, {
			title: 'Shop down',
			severity: 'SEV1'
		})
	).result;
	return { owner, organizationId, session, bearer: token ?? '', incidentId };
}

async function lastEvent(streamId: string) {
	return (await listEventsAfter(streamId, 0)).at(-1);
}

describe('the channel an action came through', () => {
	it('records a note sent with an API token as source api, under the token’s name', async () => {
		const s = await setting();
		const answer = await call(
			NOTES,
			{ params: { id: s.incidentId }, json: { text: 'From the script' } },
			{ bearer: s.bearer }
		);
		expect(answer.status).toBe(201);
		expect(await lastEvent(s.incidentId)).toMatchObject({ source: 'api', actorName: 'Zabbix' });
	});

	it('records the same note sent from the room’s session as manual', async () => {
		const s = await setting();
		const answer = await call(
			NOTES,
			{ params: { id: s.incidentId }, json: { text: 'Typed in the room' } },
			{ session: s.session }
		);
		expect(answer.status).toBe(201);
		expect(await lastEvent(s.incidentId)).toMatchObject({ source: 'manual', actorName: 'Claire' });
	});

	it('records the form’s note as manual too', async () => {
		const s = await setting();
		const answer = await call(
			action('/(app)/incidents/[id=uuid]', 'note'),
			{ params: { id: s.incidentId }, form: { text: 'Through the form' } },
			{ session: s.session }
		);
		expect(answer.status).toBe(200);
		expect(await lastEvent(s.incidentId)).toMatchObject({ source: 'manual' });
	});

	it('records an inventory change from the session as manual and from a token as api', async () => {
		const s = await setting();
		const { itemId } = (
			await createItem({ actor: s.owner }, s.organizationId, { hostname: 'web03' })
		).result;
		const status = endpointHandler('POST', '/api/v1/orgs/[id=uuid]/inventory/[itemId=uuid]/status');
		const params = { id: s.organizationId, itemId };
		await call(status, { params, json: { status: 'down' } }, { session: s.session });
		expect(await lastEvent(s.organizationId)).toMatchObject({ source: 'manual' });
		// The token is a responder: it may set a status.
		await call(status, { params, json: { status: 'rebuilding' } }, { bearer: s.bearer });
		expect(await lastEvent(s.organizationId)).toMatchObject({ source: 'api' });
	});
});

describe('the API’s conventions on the form counterparts', () => {
	it('applies a retried write once (same clientMutationId): 201 then 200 replayed', async () => {
		const s = await setting();
		const calls = endpointHandler('POST', '/api/v1/orgs/[id=uuid]/contacts');
		const body = {
			providerName: 'Rempart',
			name: 'NOC',
			email: 'noc@rempart.example',
			clientMutationId: randomUUID()
		};
		const owner = { session: s.session };
		const first = await call(calls, { params: { id: s.organizationId }, json: body }, owner);
		const again = await call(calls, { params: { id: s.organizationId }, json: body }, owner);
		expect([first.status, again.status]).toEqual([201, 200]);
		expect(JSON.parse(again.body)).toMatchObject({
			contactId: JSON.parse(first.body).contactId,
			replayed: true
		});
		const created = (await listEventsAfter(s.organizationId, 0)).filter(
			(e) => e.kind === 'contact.created'
		);
		expect(created).toHaveLength(1);
	});

	it('refuses a stale If-Match with 409 and an unreadable one with 400, writing nothing', async () => {
		const s = await setting();
		const { itemId } = (
			await createItem({ actor: s.owner }, s.organizationId, { hostname: 'db01' })
		).result;
		const patch = endpointHandler('PATCH', '/api/v1/orgs/[id=uuid]/inventory/[itemId=uuid]');
		const params = { id: s.organizationId, itemId };
		const ok = await call(
			patch,
			{ params, json: { hostname: 'db01', role: 'database' }, headers: { 'if-match': '"1"' } },
			{ session: s.session }
		);
		expect(ok.status).toBe(201);
		const stale = await call(
			patch,
			{ params, json: { hostname: 'db01', role: 'primary' }, headers: { 'if-match': '"1"' } },
			{ session: s.session }
		);
		expect(stale.status).toBe(409);
		expect(JSON.parse(stale.body).error.code).toBe('conflict');
		const bad = await call(
			patch,
			{ params, json: { hostname: 'db01' }, headers: { 'if-match': 'yesterday' } },
			{ session: s.session }
		);
		expect(bad.status).toBe(400);
		expect(JSON.parse(bad.body).error.fields).toHaveProperty('If-Match');
	});

	it('answers bad input with 400 naming the field, and a token on one’s account with 403', async () => {
		const s = await setting();
		const pins = endpointHandler('POST', '/api/v1/incidents/[id=uuid]/pins');
		const bad = await call(pins, { params: { id: s.incidentId }, json: { seq: 'x' } }, s);
		expect(bad.status).toBe(400);
		expect(JSON.parse(bad.body).error).toMatchObject({ code: 'invalid' });
		expect(Object.keys(JSON.parse(bad.body).error.fields)).toContain('seq');
		const profile = endpointHandler('PATCH', '/api/v1/account');
		const json = { displayName: 'Bot', timezone: 'UTC', locale: 'en' };
		const refused = await call(profile, { params: {}, json }, { bearer: s.bearer });
		expect(refused.status).toBe(403);
	});

	it('pages a list with a cursor: no row repeated or skipped', async () => {
		const s = await setting();
		for (const hostname of ['web01', 'web02', 'web03', 'web04', 'db01']) {
			await createItem({ actor: s.owner }, s.organizationId, { hostname });
		}
		const list = endpointHandler('GET', '/api/v1/orgs/[id=uuid]/inventory');
		const seen: string[] = [];
		let cursor: string | null = '';
		while (cursor !== null) {
			const query: string = `limit=2${cursor ? `&cursor=${cursor}` : ''}`;
			const page = await call(list, { params: { id: s.organizationId }, query }, s);
			const body = JSON.parse(page.body) as {
				items: { hostname: string }[];
				nextCursor: string | null;
			};
			seen.push(...body.items.map((i) => i.hostname));
			cursor = body.nextCursor;
		}
		expect(seen).toEqual(['db01', 'web01', 'web02', 'web03', 'web04']);
		const wrong = await call(list, { params: { id: s.organizationId }, query: 'cursor=nope' }, s);
		expect(wrong.status).toBe(400);
	});
});
