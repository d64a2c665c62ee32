import { describe, expect, it } from 'vitest';
import { createContact } from '../../src/lib/server/contacts/commands';
import { listEventsAfter } from '../../src/lib/server/events/queries';
import { declareIncident } from '../../src/lib/server/incidents/commands';
import { listIncidents } from '../../src/lib/server/incidents/queries';
import { readRoom } from '../../src/lib/server/incidents/room';
import {
	listShareCandidates,
	shareIncident,
	unshareIncident
} from '../../src/lib/server/incidents/sharing';
import { createItem } from '../../src/lib/server/inventory/commands';
import { linkItemToIncident } from '../../src/lib/server/inventory/links';
import { listInventory } from '../../src/lib/server/inventory/views';
import { startRun } from '../../src/lib/server/runbooks/runs';
import { listTemplates } from '../../src/lib/server/runbooks/template-queries';
import { createTemplate } from '../../src/lib/server/runbooks/templates';
import { templateStep } from './runbooks-fixtures';
import { addMember, newOrganization, newUser, useTestDatabase } from './setup';

useTestDatabase();

async function setting() {
	const claire = await newUser('Claire');
	const merchant = await newOrganization(claire, 'merchant');
	const julien = await addMember(merchant, 'responder', 'Julien');
	const nadia = await newUser('Nadia');
	const hoster = await newOrganization(nadia, 'provider');
	const marc = await addMember(hoster, 'responder', 'Marc');
	const sophie = await addMember(hoster, 'admin', 'Sophie');
	const declare = async (title: string) =>
		(await declareIncident({ actor: claire }, merchant, { title, severity: 'SEV1' })).result
			.incidentId;
	return { claire, julien, merchant, nadia, hoster, marc, sophie, declare };
}

describe('sharing an incident with another organization', () => {
	it('lets the hoster see that incident and nothing else of the merchant', async () => {
		const { claire, merchant, hoster, marc, declare } = await setting();
		const shared = await declare('Shop down');
		const other = await declare('Payroll late');
		const web01 = (await createItem({ actor: claire }, merchant, { hostname: 'web01' })).result
			.itemId;
		await createItem({ actor: claire }, merchant, { hostname: 'payroll01' });
		await linkItemToIncident({ actor: claire }, shared, { itemId: web01 });
		await createContact({ actor: claire }, merchant, {
			providerName: 'PSP',
			name: 'Desk',
			phones: '+33 1 00'
		});
		await shareIncident({ actor: claire }, shared, { organizationId: hoster });

		expect((await listIncidents(marc.userId)).map((i) => i.id)).toEqual([shared]);
		const room = await readRoom(marc, shared);
		expect(room.servers.map((s) => s.hostname)).toEqual(['web01']);
		expect(room.contacts.map((c) => c.name)).toEqual(['Desk']);
		expect(room.role).toBe('responder');
		await expect(readRoom(marc, other)).rejects.toMatchObject({ code: 'not_found' });
		await expect(listInventory(marc, merchant, {})).rejects.toMatchObject({ code: 'not_found' });
		await expect(listTemplates(marc, merchant)).rejects.toMatchObject({ code: 'not_found' });
	});

	it('shows the hoster only the merchant’s people involved in the incident, not its members', async () => {
		const { claire, julien, hoster, marc, declare } = await setting();
		const shared = await declare('Shop down');
		await shareIncident({ actor: claire }, shared, { organizationId: hoster });
		const names = (await readRoom(marc, shared)).people.map((p) => p.name);
		expect(names).toContain('Claire');
		expect(names).toContain('Marc');
		expect(names).not.toContain(julien.name);
		expect((await readRoom(claire, shared)).people.map((p) => p.name)).toContain('Julien');
	});

	it('records sharing and removal in the timeline; removal ends the hoster’s access', async () => {
		const { claire, hoster, marc, declare } = await setting();
		const incidentId = await declare('Shop down');
		await shareIncident({ actor: claire }, incidentId, { organizationId: hoster });
		await unshareIncident({ actor: claire }, incidentId, { organizationId: hoster });
		const kinds = (await listEventsAfter(incidentId, 0)).map((e) => e.kind);
		expect(kinds).toEqual(['incident.declared', 'incident.shared', 'incident.unshared']);
		await expect(readRoom(marc, incidentId)).rejects.toMatchObject({ code: 'not_found' });
		expect(await listIncidents(marc.userId)).toEqual([]);
	});

	it('is decided by admins of the declaring organization only', async () => {
		const { claire, julien, merchant, hoster, sophie, nadia, declare } = await setting();
		const incidentId = await declare('Shop down');
		await expect(
			shareIncident({ actor: julien }, incidentId, { organizationId: hoster })
		).rejects.toMatchObject({ code: 'forbidden' });
		await shareIncident({ actor: claire }, incidentId, { organizationId: hoster });
		const third = await newOrganization(await newUser('DNS'), 'provider');
		for (const hosterAdmin of [sophie, nadia]) {
			await expect(
				shareIncident({ actor: hosterAdmin }, incidentId, { organizationId: third })
			).rejects.toMatchObject({ code: 'forbidden' });
			await expect(
				unshareIncident({ actor: hosterAdmin }, incidentId, { organizationId: hoster })
			).rejects.toMatchObject({ code: 'forbidden' });
		}
		await expect(
			unshareIncident({ actor: claire }, incidentId, { organizationId: merchant })
		).rejects.toMatchObject({ code: 'invalid' });
		await expect(
			shareIncident({ actor: claire }, incidentId, { organizationId: hoster })
		).rejects.toMatchObject({ code: 'conflict' });
	});

	it('offers the partners the merchant works with, not every organization', async () => {
		const { claire, merchant, hoster, declare } = await setting();
		const stranger = await newOrganization(await newUser('Stranger'), 'provider');
		await createContact({ actor: claire }, merchant, {
			providerName: 'Hoster',
			providerOrganizationId: hoster,
			name: 'NOC',
			phones: '+33 1 00'
		});
		const incidentId = await declare('Shop down');
		const candidates = (await listShareCandidates(claire, incidentId)).map((c) => c.id);
		expect(candidates).toContain(hoster);
		expect(candidates).not.toContain(stranger);
		expect(candidates).not.toContain(merchant);
	});

	it('lets the hoster start its own runbook template inside the shared incident only', async () => {
		const { claire, nadia, hoster, marc, declare } = await setting();
		const { templateId } = (
			await createTemplate({ actor: nadia }, hoster, {
				name: 'Hoster runbook',
				body: { phases: [{ title: 'Go', steps: [templateStep('go')] }] }
			})
		).result;
		const notShared = await declare('Not shared');
		await expect(startRun({ actor: marc }, notShared, { templateId })).rejects.toMatchObject({
			code: 'not_found'
		});
		const shared = await declare('Shared');
		await shareIncident({ actor: claire }, shared, { organizationId: hoster });
		const room = await readRoom(marc, shared);
		expect(room.templates.map((t) => t.id)).toContain(templateId);
		const started = await startRun({ actor: marc }, shared, { templateId });
		expect(started.result.steps).toBe(1);
	});
});
