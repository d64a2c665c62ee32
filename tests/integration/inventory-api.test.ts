import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GET, POST } from '../../src/routes/api/v1/orgs/[id=uuid]/inventory/+server';
import { POST as POST_STATUS } from '../../src/routes/api/v1/orgs/[id=uuid]/inventory/[itemId=uuid]/status/+server';
import { listEventsAfter } from '../../src/lib/server/events/queries';
import { newOrganization, newUser, useTestDatabase } from './setup';

const sql = useTestDatabase();

type User = { userId: string; name: string };

function locals(user: User | null) {
	const sessionUser = user && {
		id: user.userId,
		email: 'x@example.test',
		displayName: user.name,
		timezone: 'UTC',
		locale: 'en'
	};
	return { user: sessionUser };
}

function post(body: unknown) {
	return new Request('http://localhost/api', {
		method: 'POST',
		body: typeof body === 'string' ? body : JSON.stringify(body)
	});
}

async function list(user: User | null, org: string, query = '') {
	const event = {
		locals: locals(user),
		params: { id: org },
		url: new URL(`http://localhost/api/v1/orgs${query}`),
		getClientAddress: () => '127.0.0.1'
	};
	return GET(event as unknown as Parameters<typeof GET>[0]);
}

async function create(user: User | null, org: string, body: unknown) {
	const event = {
		locals: locals(user),
		params: { id: org },
		url: new URL('http://localhost/api/v1/orgs'),
		request: post(body),
		getClientAddress: () => '127.0.0.1'
	};
	return POST(event as unknown as Parameters<typeof POST>[0]);
}

async function setStatus(user: User | null, org: string, itemId: string, body: unknown) {
	const event = {
		locals: locals(user),
		params: { id: org, itemId },
		url: new URL('http://localhost/api/v1/orgs'),
		request: post(body),
		getClientAddress: () => '127.0.0.1'
	};
	return POST_STATUS(event as unknown as Parameters<typeof POST_STATUS>[0]);
}

async function setting() {
	const owner = await newUser('Claire');
	const org = await newOrganization(owner);
	const viewer = await newUser('Victor');
	await sql()`insert into memberships (organization_id, user_id, role) values (${org}, ${viewer.userId}, 'viewer')`;
	return { owner, org, viewer, outsider: await newUser('Olga') };
}

describe('inventory JSON API', () => {
	it('POST creates an item (201), a retry with the same id is answered once (200)', async () => {
		const { owner, org } = await setting();
		const clientMutationId = randomUUID();
		const body = { hostname: 'web01', tags: ['shop-cluster'], clientMutationId };
		const first = await create(owner, org, body);
		expect(first.status).toBe(201);
		const created = await first.json();
		const again = await create(owner, org, body);
		expect(again.status).toBe(200);
		expect(await again.json()).toMatchObject({ itemId: created.itemId, replayed: true });
		const events = await listEventsAfter(org, 0);
		expect(events.filter((e) => e.kind === 'inventory.created')).toHaveLength(1);
		// A person signed in acts by hand, through the API or not; a token would be `api`.
		expect(events.at(-1)?.source).toBe('manual');
	});

	it('POST refuses bad input (400), a viewer (403), an outsider (404), the signed out (401)', async () => {
		const { owner, org, viewer, outsider } = await setting();
		const bad = await create(owner, org, { hostname: 'web 01' });
		expect(bad.status).toBe(400);
		expect((await bad.json()).error.fields.hostname).toMatch(/letters, digits/);
		expect((await create(owner, org, 'not json')).status).toBe(400);
		expect((await create(owner, org, { hostname: 'a', clientMutationId: 'x' })).status).toBe(400);
		expect((await create(viewer, org, { hostname: 'web01' })).status).toBe(403);
		expect((await create(outsider, org, { hostname: 'web01' })).status).toBe(404);
		expect((await create(null, org, { hostname: 'web01' })).status).toBe(401);
		const [row] =
			await sql()`select count(*)::int as n from inventory_items where organization_id = ${org}`;
		expect(row?.n).toBe(0);
	});

	it('GET lists with filters for a viewer; an outsider gets 404', async () => {
		const { owner, org, viewer, outsider } = await setting();
		await create(owner, org, { hostname: 'web01', status: 'down' });
		await create(owner, org, { hostname: 'web02', status: 'up' });
		const response = await list(viewer, org, '?status=down');
		expect(response.status).toBe(200);
		const { items } = await response.json();
		expect(items.map((i: { hostname: string }) => i.hostname)).toEqual(['web01']);
		expect((await list(outsider, org)).status).toBe(404);
		expect((await list(null, org)).status).toBe(401);
	});

	it('POST status changes it; a stale version whose status moved on is a 409', async () => {
		const { owner, org, viewer } = await setting();
		const { itemId } = await (
			await create(owner, org, { hostname: 'web03', status: 'down' })
		).json();
		const ok = await setStatus(owner, org, itemId, { status: 'rebuilding', version: 1 });
		expect(ok.status).toBe(200);
		expect(await ok.json()).toMatchObject({ status: 'rebuilding', version: 2, changed: true });
		const stale = await setStatus(owner, org, itemId, { status: 'up', version: 1 });
		expect(stale.status).toBe(409);
		expect((await stale.json()).error.message).toMatch(/^web03 was set to rebuilding/);
		expect((await setStatus(viewer, org, itemId, { status: 'up' })).status).toBe(403);
		expect((await setStatus(owner, org, itemId, { status: 'fine' })).status).toBe(400);
	});

	it('POST status through another organization\u2019s address is a 404', async () => {
		const { owner, org } = await setting();
		const other = await newOrganization(owner);
		const { itemId } = await (await create(owner, org, { hostname: 'web03' })).json();
		expect((await setStatus(owner, other, itemId, { status: 'up' })).status).toBe(404);
	});
});
