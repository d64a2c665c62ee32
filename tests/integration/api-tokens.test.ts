import { describe, expect, it } from 'vitest';
import {
	createApiToken,
	expiryInstant,
	listApiTokens,
	revokeApiToken
} from '../../src/lib/server/access/api-tokens';
import { signIn } from '../../src/lib/server/auth/sign-in';
import { listEventsAfter } from '../../src/lib/server/events/queries';
import { call } from './harness/dispatch';
import type { Handler } from './harness/routes';
import { addMember, newOrganization, newUser, useTestDatabase } from './setup';

const sql = useTestDatabase();

const inventory = (method: 'GET' | 'POST'): Handler => ({
	kind: 'endpoint',
	key: `${method} /api/v1/orgs/[id=uuid]/inventory`,
	routeId: '/api/v1/orgs/[id=uuid]/inventory',
	method
});
const orgPage: Handler = {
	kind: 'view',
	key: 'view /(app)/orgs/[id=uuid]',
	routeId: '/(app)/orgs/[id=uuid]'
};

async function setting() {
	const owner = await newUser('Claire');
	const org = await newOrganization(owner);
	return { owner, org };
}

describe('API tokens', () => {
	it('are shown once, stored only as a hash, and listed with their role', async () => {
		const { owner, org } = await setting();
		const created = await createApiToken({ actor: owner }, org, {
			name: 'Zabbix',
			role: 'responder'
		});
		expect(created.token).toMatch(/^nst_[a-z2-7]{40,}$/);
		const [row] = await sql()<{ secret_hash: Uint8Array }[]>`
			select secret_hash from api_tokens where id = ${created.tokenId}`;
		expect(Buffer.from(row?.secret_hash ?? []).toString()).not.toContain(created.token ?? '-');
		expect(row?.secret_hash).toHaveLength(32);
		const listed = await listApiTokens(owner, org);
		expect(listed).toMatchObject([{ name: 'Zabbix', role: 'responder', lastUsedAt: null }]);
		expect(JSON.stringify(listed)).not.toContain(created.token ?? '-');
	});

	it('are created by admins only, never with more rights than their creator, never as owner', async () => {
		const { owner, org } = await setting();
		const responder = await addMember(org, 'responder');
		const admin = await addMember(org, 'admin');
		await expect(
			createApiToken({ actor: responder }, org, { name: 'x', role: 'viewer' })
		).rejects.toMatchObject({ code: 'forbidden' });
		await expect(
			createApiToken({ actor: owner }, org, { name: 'x', role: 'owner' })
		).rejects.toMatchObject({ code: 'invalid' });
		const made = await createApiToken({ actor: admin }, org, { name: 'Script', role: 'admin' });
		expect(made.role).toBe('admin');
	});

	it('are accepted as bearer by the JSON API, with their role, in their organization only', async () => {
		const { owner, org } = await setting();
		const other = await setting();
		const viewer = await createApiToken({ actor: owner }, org, { name: 'Reader', role: 'viewer' });
		const admin = await createApiToken({ actor: owner }, org, { name: 'Importer', role: 'admin' });
		const list = await call(inventory('GET'), { params: { id: org } }, { bearer: viewer.token });
		expect(list.status).toBe(200);
		const refused = await call(
			inventory('POST'),
			{ params: { id: org }, json: { hostname: 'web01' } },
			{ bearer: viewer.token }
		);
		expect(refused.status).toBe(403);
		const created = await call(
			inventory('POST'),
			{ params: { id: org }, json: { hostname: 'web01' } },
			{ bearer: admin.token }
		);
		expect(created.status).toBe(201);
		const event = (await listEventsAfter(org, 0)).find((e) => e.kind === 'inventory.created');
		expect(event).toMatchObject({ actorName: 'Importer', source: 'api' });
		const elsewhere = await call(
			inventory('GET'),
			{ params: { id: other.org } },
			{ bearer: admin.token }
		);
		expect(elsewhere.status).toBe(404);
		const [used] = await listApiTokens(owner, org);
		expect(used?.lastUsedAt).toBeInstanceOf(Date);
	});

	it('stop working at once when revoked, and a wrong token is refused (401)', async () => {
		const { owner, org } = await setting();
		const token = await createApiToken({ actor: owner }, org, { name: 'Old', role: 'viewer' });
		expect(
			(await call(inventory('GET'), { params: { id: org } }, { bearer: token.token })).status
		).toBe(200);
		await revokeApiToken({ actor: owner }, org, { tokenId: token.tokenId });
		const after = await call(inventory('GET'), { params: { id: org } }, { bearer: token.token });
		expect(after.status).toBe(401);
		expect(JSON.parse(after.body)).toMatchObject({ error: { code: 'unauthenticated' } });
		const forged = await call(inventory('GET'), { params: { id: org } }, { bearer: 'nst_forged' });
		expect(forged.status).toBe(401);
		const kinds = (await listEventsAfter(org, 0)).map((e) => e.kind);
		expect(kinds).toEqual(expect.arrayContaining(['token.created', 'token.revoked']));
	});

	it('are not accepted by pages: a page with only a token is signed out', async () => {
		const { owner, org } = await setting();
		const token = await createApiToken({ actor: owner }, org, { name: 'Admin', role: 'admin' });
		const answer = await call(orgPage, { params: { id: org } }, { bearer: token.token });
		expect(answer.status).toBe(303);
		expect(answer.location).toMatch(/^\/signin/);
	});

	it('cannot sign in with the token identity’s email', async () => {
		const { owner, org } = await setting();
		const token = await createApiToken({ actor: owner }, org, { name: 'Bot', role: 'viewer' });
		const [user] = await sql()<{ email: string; kind: string }[]>`
			select u.email, u.kind from users u join api_tokens t on t.user_id = u.id where t.id = ${token.tokenId}`;
		expect(user?.kind).toBe('token');
		await expect(
			signIn({ email: user?.email, password: '!' }, { address: '10.9.9.9' })
		).rejects.toMatchObject({ code: 'unauthenticated' });
	});

	it('may expire: set at creation, listed, and refused with 401 once past, granting nothing', async () => {
		const { owner, org } = await setting();
		const day = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
		const dated = await createApiToken({ actor: owner }, org, {
			name: 'Monthly',
			role: 'viewer',
			expiresAt: day
		});
		// A date means through that day, in the creator's time zone (Claire: Europe/Paris).
		expect(dated.expiresAt).toBe(expiryInstant(day, 'Europe/Paris').toISOString());
		expect(new Date(dated.expiresAt ?? 0).getUTCHours()).toBeGreaterThanOrEqual(22);
		const forever = await createApiToken({ actor: owner }, org, {
			name: 'Forever',
			role: 'viewer'
		});
		expect(forever.expiresAt).toBeNull();
		const listed = await listApiTokens(owner, org);
		expect(listed.find((t) => t.name === 'Monthly')?.expiresAt).toBeInstanceOf(Date);
		expect(listed.find((t) => t.name === 'Forever')?.expiresAt).toBeNull();
		expect(
			(await call(inventory('GET'), { params: { id: org } }, { bearer: dated.token })).status
		).toBe(200);

		await sql()`update api_tokens set expires_at = now() - interval '1 minute' where id = ${dated.tokenId}`;
		const after = await call(inventory('GET'), { params: { id: org } }, { bearer: dated.token });
		expect(after.status).toBe(401);
		expect(JSON.parse(after.body)).toMatchObject({
			error: {
				code: 'unauthenticated',
				message: expect.stringMatching(/expired on \d{4}-\d\d-\d\d/)
			}
		});
		const [grant] = await sql()`
			select 1 from access_grants g join api_tokens t on t.user_id = g.user_id where t.id = ${dated.tokenId}`;
		expect(grant).toBeUndefined();
		expect(
			(await call(inventory('GET'), { params: { id: org } }, { bearer: forever.token })).status
		).toBe(200);
	});

	it('refuse an expiry in the past, too far ahead or not a date, naming the field', async () => {
		const { owner, org } = await setting();
		for (const expiresAt of ['2020-01-01', '2999-01-01', 'next week', '2027-02-30', 12]) {
			await expect(
				createApiToken({ actor: owner }, org, { name: 'x', role: 'viewer', expiresAt }),
				String(expiresAt)
			).rejects.toMatchObject({ code: 'invalid', fields: { expiresAt: expect.any(String) } });
		}
		const instant = new Date(Date.now() + 3_600_000).toISOString();
		const made = await createApiToken({ actor: owner }, org, {
			name: 'Hour',
			role: 'viewer',
			expiresAt: instant
		});
		expect(made.expiresAt).toBe(instant);
		const none = await createApiToken({ actor: owner }, org, {
			name: 'E',
			role: 'viewer',
			expiresAt: ''
		});
		expect(none.expiresAt).toBeNull();
	});
});
