import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/lib/server/access/api-tokens';
import { AUDIT_CSV_COLUMNS } from '../../src/lib/server/audit/csv';
import { listAudit } from '../../src/lib/server/audit/queries';
import { createSession } from '../../src/lib/server/auth/session';
import { signIn } from '../../src/lib/server/auth/sign-in';
import { declareIncident } from '../../src/lib/server/incidents/commands';
import { shareAccepted } from './harness/consent';
import { createItem } from '../../src/lib/server/inventory/commands';
import { changeMemberRole } from '../../src/lib/server/organizations/commands';
import { addNote } from '../../src/lib/server/timeline/commands';
import { changePassword } from '../../src/lib/server/users/account';
import { call } from './harness/dispatch';
import type { Handler } from './harness/routes';
import { addMember, newOrganization, newUser, TEST_PASSWORD, useTestDatabase } from './setup';

useTestDatabase();

const TZ = { timeZone: 'Europe/Paris' };
const exportCsv: Handler = {
	kind: 'endpoint',
	key: 'GET /(app)/orgs/[id=uuid]/audit/export',
	routeId: '/(app)/orgs/[id=uuid]/audit/export',
	method: 'GET'
};

async function setting() {
	const owner = await newUser('Claire');
	const org = await newOrganization(owner);
	const member = await addMember(org, 'viewer', 'Julien');
	return { owner, org, member };
}

describe('the audit log', () => {
	it('records who changed what, when and from which address: members, tokens, inventory', async () => {
		const { owner, org, member } = await setting();
		await changeMemberRole({ actor: { ...owner, address: '192.0.2.7' } }, org, {
			userId: member.userId,
			role: 'responder'
		});
		await createApiToken({ actor: owner }, org, { name: 'Zabbix', role: 'viewer' });
		await createItem({ actor: owner }, org, { hostname: 'web01' });
		const entries = await listAudit(owner, org, {}, TZ);
		const role = entries.find((e) => e.kind === 'member.role_changed');
		expect(role).toMatchObject({
			actorName: 'Claire',
			address: '192.0.2.7',
			origin: 'organization',
			details: { from: 'viewer', to: 'responder', name: 'Julien' }
		});
		expect(role?.at).toBeInstanceOf(Date);
		expect(entries.map((e) => e.kind)).toEqual(
			expect.arrayContaining(['token.created', 'inventory.created', 'organization.created'])
		);
	});

	it('includes sign-ins, failed sign-ins and password changes of its members', async () => {
		const { owner, org, member } = await setting();
		await signIn({ email: member.email, password: TEST_PASSWORD }, { address: '198.51.100.4' });
		await signIn(
			{ email: member.email, password: 'wrong password!' },
			{ address: '198.51.100.5' }
		).catch(() => undefined);
		await changePassword(member.userId, 'none', {
			currentPassword: TEST_PASSWORD,
			password: 'a brand new passphrase'
		});
		const entries = await listAudit(owner, org, { category: 'sign_ins' }, TZ);
		expect(entries.map((e) => e.kind)).toEqual([
			'auth.password_changed',
			'auth.sign_in_failed',
			'auth.sign_in'
		]);
		expect(entries[2]).toMatchObject({ actorId: member.userId, address: '198.51.100.4' });
		const stranger = await newUser('Stranger');
		await signIn({ email: stranger.email, password: TEST_PASSWORD }, { address: '203.0.113.1' });
		const all = await listAudit(owner, org, {}, TZ);
		expect(all.some((e) => e.actorId === stranger.userId)).toBe(false);
	});

	it('covers the organization’s incidents, with what partners did inside them', async () => {
		const { owner, org } = await setting();
		const nadia = await newUser('Nadia');
		const hoster = await newOrganization(nadia, 'provider');
		const marc = await addMember(hoster, 'responder', 'Marc');
		const { incidentId } = (
			await declareIncident({ actor: owner }, org, { title: 'Shop down', severity: 'SEV1' })
		).result;
		await shareAccepted(owner, incidentId, hoster);
		await addNote({ actor: marc }, incidentId, { text: 'web03 reinstalled' });
		const merchantLog = await listAudit(owner, org, { category: 'incidents' }, TZ);
		expect(merchantLog.find((e) => e.kind === 'timeline.note')).toMatchObject({
			actorName: 'Marc',
			incidentId,
			incidentTitle: 'Shop down'
		});
		const hosterLog = await listAudit(nadia, hoster, { category: 'incidents' }, TZ);
		// The hoster's own acts: the invitation it received and accepted, then its note.
		expect(hosterLog.map((e) => e.kind)).toEqual([
			'timeline.note',
			'organization.invitation_answered',
			'incident.shared',
			'organization.invitation_received'
		]);
	});

	it('filters by category, person and day', async () => {
		const { owner, org, member } = await setting();
		await createItem({ actor: owner }, org, { hostname: 'web01' });
		await changeMemberRole({ actor: owner }, org, { userId: member.userId, role: 'admin' });
		const inventory = await listAudit(owner, org, { category: 'inventory' }, TZ);
		expect(inventory.map((e) => e.kind)).toEqual(['inventory.created']);
		const byOther = await listAudit(owner, org, { actorId: member.userId }, TZ);
		expect(byOther).toEqual([]);
		const tomorrow = new Date(Date.now() + 36 * 3600_000).toISOString().slice(0, 10);
		expect(await listAudit(owner, org, { from: tomorrow }, TZ)).toEqual([]);
		const yesterday = new Date(Date.now() - 36 * 3600_000).toISOString().slice(0, 10);
		expect(
			(await listAudit(owner, org, { from: yesterday, to: tomorrow }, TZ)).length
		).toBeGreaterThan(2);
		await expect(listAudit(owner, org, { from: '2024-13-45' }, TZ)).rejects.toMatchObject({
			code: 'invalid'
		});
	});

	it('is for admins: a responder is refused, an outsider learns nothing', async () => {
		const { org } = await setting();
		const responder = await addMember(org, 'responder');
		await expect(listAudit(responder, org, {}, TZ)).rejects.toMatchObject({ code: 'forbidden' });
		await expect(listAudit(await newUser('Eve'), org, {}, TZ)).rejects.toMatchObject({
			code: 'not_found'
		});
	});

	it('exports as CSV, with the page’s filters', async () => {
		const { owner, org } = await setting();
		await createItem({ actor: owner }, org, { hostname: 'web01' });
		const session = (await createSession(owner.userId)).token;
		const answer = await call(
			exportCsv,
			{ params: { id: org }, query: 'category=inventory' },
			{ session }
		);
		expect(answer.status).toBe(200);
		const parsed = Papa.parse<string[]>(answer.body.trim());
		expect(parsed.data[0]).toEqual([...AUDIT_CSV_COLUMNS]);
		expect(parsed.data).toHaveLength(2);
		expect(parsed.data[1]?.[5]).toBe('inventory.created');
		expect(parsed.data[1]?.[1]).toBe('Claire');
	});
});
