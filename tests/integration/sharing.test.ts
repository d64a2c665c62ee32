import { describe, expect, it } from 'vitest';
import { createContact } from '../../src/lib/server/contacts/commands';
import { listEventsAfter } from '../../src/lib/server/events/queries';
import { declareIncident } from '../../src/lib/server/incidents/commands';
import { listIncidents } from '../../src/lib/server/incidents/queries';
import { readRoom } from '../../src/lib/server/incidents/room';
import {
	leaveIncident,
	listShareCandidates,
	unshareIncident
} from '../../src/lib/server/incidents/sharing';
import {
	answerInvitation,
	inviteOrganization,
	listReceivedInvitations,
	withdrawInvitation
} from '../../src/lib/server/incidents/invitations';
import {
	changeInvitationCode,
	readInvitationCode
} from '../../src/lib/server/organizations/invitation-code';
import {
	logCall,
	shareContactInIncident,
	updateContact
} from '../../src/lib/server/contacts/commands';
import { db } from '../../src/lib/server/db/db';
import { invitePending, shareAccepted } from './harness/consent';
import { createItem } from '../../src/lib/server/inventory/commands';
import { linkItemToIncident } from '../../src/lib/server/inventory/links';
import { listInventory } from '../../src/lib/server/inventory/views';
import { startRun } from '../../src/lib/server/runbooks/runs';
import { listTemplates } from '../../src/lib/server/runbooks/template-queries';
import { createTemplate } from '../../src/lib/server/runbooks/templates';
import { templateStep } from './runbooks-fixtures';
import { addMember, newOrganization, newUser, useTestDatabase } from './setup';

useTestDatabase();

async function ownerOf(organizationId: string): Promise<string> {
	const [row] = await db()<{ user_id: string }[]>`
		select user_id from memberships where organization_id = ${organizationId} and role = 'owner'`;
	return row?.user_id ?? '';
}

async function countRows(table: 'incident_organizations' | 'incident_invitations') {
	const [row] = await db()<{ n: number }[]>`select count(*)::int as n from ${db()(table)}`;
	return row?.n ?? 0;
}

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
			providerName: 'Hoster',
			providerOrganizationId: hoster,
			name: 'NOC',
			phones: '+33 1 00'
		});
		await shareAccepted(claire, shared, hoster);

		expect((await listIncidents(marc.userId)).map((i) => i.id)).toEqual([shared]);
		const room = await readRoom(marc, shared);
		expect(room.servers.map((s) => s.hostname)).toEqual(['web01']);
		expect(room.contacts.map((c) => c.name)).toEqual(['NOC']);
		expect(room.role).toBe('responder');
		await expect(readRoom(marc, other)).rejects.toMatchObject({ code: 'not_found' });
		await expect(listInventory(marc, merchant, {})).rejects.toMatchObject({ code: 'not_found' });
		await expect(listTemplates(marc, merchant)).rejects.toMatchObject({ code: 'not_found' });
	});

	it('shows the hoster only the merchant’s people involved in the incident, not its members', async () => {
		const { claire, julien, hoster, marc, declare } = await setting();
		const shared = await declare('Shop down');
		await shareAccepted(claire, shared, hoster);
		const names = (await readRoom(marc, shared)).people.map((p) => p.name);
		expect(names).toContain('Claire');
		expect(names).toContain('Marc');
		expect(names).not.toContain(julien.name);
		expect((await readRoom(claire, shared)).people.map((p) => p.name)).toContain('Julien');
	});

	it('records sharing and removal in the timeline; removal ends the hoster’s access', async () => {
		const { claire, hoster, marc, declare } = await setting();
		const incidentId = await declare('Shop down');
		await shareAccepted(claire, incidentId, hoster);
		await unshareIncident({ actor: claire }, incidentId, { organizationId: hoster });
		const kinds = (await listEventsAfter(incidentId, 0)).map((e) => e.kind);
		expect(kinds).toEqual([
			'incident.declared',
			'incident.invited',
			'incident.shared',
			'incident.unshared'
		]);
		await expect(readRoom(marc, incidentId)).rejects.toMatchObject({ code: 'not_found' });
		expect(await listIncidents(marc.userId)).toEqual([]);
	});

	it('is decided by admins of the declaring organization only', async () => {
		const { claire, julien, merchant, hoster, sophie, nadia, declare } = await setting();
		const incidentId = await declare('Shop down');
		const code = await readInvitationCode(nadia, hoster);
		await expect(inviteOrganization({ actor: julien }, incidentId, { code })).rejects.toMatchObject(
			{
				code: 'forbidden'
			}
		);
		await shareAccepted(claire, incidentId, hoster);
		const third = await newOrganization(await newUser('DNS'), 'provider');
		const thirdCode = await readInvitationCode({ userId: await ownerOf(third) }, third);
		for (const hosterAdmin of [sophie, nadia]) {
			await expect(
				inviteOrganization({ actor: hosterAdmin }, incidentId, { code: thirdCode })
			).rejects.toMatchObject({ code: 'forbidden' });
			await expect(
				unshareIncident({ actor: hosterAdmin }, incidentId, { organizationId: hoster })
			).rejects.toMatchObject({ code: 'forbidden' });
		}
		await expect(
			unshareIncident({ actor: claire }, incidentId, { organizationId: merchant })
		).rejects.toMatchObject({ code: 'invalid' });
		await expect(
			inviteOrganization({ actor: claire }, incidentId, { organizationId: hoster })
		).rejects.toMatchObject({ code: 'conflict' });
	});

	it('offers the partners the merchant took part in incidents with, not those a contact names', async () => {
		const { claire, merchant, hoster, declare } = await setting();
		const stranger = await newOrganization(await newUser('Stranger'), 'provider');
		await createContact({ actor: claire }, merchant, {
			providerName: 'Stranger',
			providerOrganizationId: stranger,
			name: 'NOC',
			phones: '+33 1 00'
		});
		await shareAccepted(claire, await declare('Earlier night'), hoster);
		const incidentId = await declare('Shop down');
		const candidates = (await listShareCandidates(claire, incidentId)).map((c) => c.id);
		expect(candidates).toContain(hoster);
		expect(candidates).not.toContain(stranger);
		expect(candidates).not.toContain(merchant);
		await expect(
			inviteOrganization({ actor: claire }, incidentId, { organizationId: stranger })
		).rejects.toMatchObject({ code: 'not_found' });
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
		await shareAccepted(claire, shared, hoster);
		const room = await readRoom(marc, shared);
		expect(room.templates.map((t) => t.id)).toContain(templateId);
		const started = await startRun({ actor: marc }, shared, { templateId });
		expect(started.result.steps).toBe(1);
	});
});

describe('sharing needs the partner’s consent', () => {
	it('an outsider who knows the merchant’s id cannot pull it into an incident nor see its contacts', async () => {
		const { claire, merchant } = await setting();
		await createContact({ actor: claire }, merchant, {
			providerName: 'Monetis',
			name: 'Payment desk',
			phones: '+33 1 70 38 00 00'
		});
		const mallory = await newUser('Mallory');
		const lure = await newOrganization(mallory, 'merchant');
		// A contact naming the merchant makes it no partner of the outsider's.
		await createContact({ actor: mallory }, lure, {
			providerName: 'Victim',
			providerOrganizationId: merchant,
			name: 'Them',
			phones: '+33 1 00'
		});
		const { incidentId } = (
			await declareIncident({ actor: mallory }, lure, { title: 'Bait', severity: 'SEV1' })
		).result;
		const before = await countRows('incident_invitations');
		await expect(
			inviteOrganization({ actor: mallory }, incidentId, { organizationId: merchant })
		).rejects.toMatchObject({ code: 'not_found' });
		await expect(
			inviteOrganization({ actor: mallory }, incidentId, { code: 'AAAA-BBBB-CCCC' })
		).rejects.toMatchObject({ code: 'not_found' });
		expect(await countRows('incident_invitations')).toBe(before);

		// Even with the merchant's code, it is only an invitation: nothing is visible to anyone.
		await inviteOrganization({ actor: mallory }, incidentId, {
			code: await readInvitationCode(claire, merchant)
		});
		expect((await listIncidents(claire.userId)).map((i) => i.id)).not.toContain(incidentId);
		await expect(readRoom(claire, incidentId)).rejects.toMatchObject({ code: 'not_found' });
		const room = await readRoom(mallory, incidentId);
		expect(room.contacts.map((c) => c.name)).toEqual(['Them']);
		expect(room.incident.organizations.map((o) => o.id)).toEqual([lure]);
		const [desk] = await db()<{ id: string }[]>`
			select id from provider_contacts where organization_id = ${merchant}`;
		await expect(
			logCall({ actor: mallory }, incidentId, { contactId: desk?.id, outcome: 'Got them' })
		).rejects.toMatchObject({ code: 'not_found' });
		// The merchant's admins see the title and who invites, nothing else.
		const [received] = await listReceivedInvitations(claire.userId);
		expect(received).toMatchObject({ incidentId, title: 'Bait', from: expect.any(String) });
		expect(Object.keys(received ?? {}).sort()).toEqual(
			[
				'createdAt',
				'from',
				'id',
				'incidentId',
				'organizationId',
				'organizationName',
				'title'
			].sort()
		);
	});

	it('a declined invitation shows nothing and leaves a trace for the inviter', async () => {
		const { claire, hoster, nadia, marc, declare } = await setting();
		const incidentId = await declare('Shop down');
		const invitationId = await invitePending(claire, incidentId, hoster);
		await expect(
			answerInvitation({ actor: marc }, hoster, invitationId, { answer: 'accept' })
		).rejects.toMatchObject({ code: 'forbidden' });
		await answerInvitation({ actor: nadia }, hoster, invitationId, { answer: 'decline' });
		await expect(readRoom(marc, incidentId)).rejects.toMatchObject({ code: 'not_found' });
		await expect(readRoom(nadia, incidentId)).rejects.toMatchObject({ code: 'not_found' });
		expect(await listReceivedInvitations(nadia.userId)).toEqual([]);
		await expect(
			answerInvitation({ actor: nadia }, hoster, invitationId, { answer: 'accept' })
		).rejects.toMatchObject({ code: 'conflict' });
		const kinds = (await listEventsAfter(incidentId, 0)).map((e) => e.kind);
		expect(kinds).toEqual([
			'incident.declared',
			'incident.invited',
			'incident.invitation_declined'
		]);
	});

	it('an accepted invitation opens the room to the partner’s members at once', async () => {
		const { claire, hoster, sophie, marc, declare } = await setting();
		const incidentId = await declare('Shop down');
		const invitationId = await invitePending(claire, incidentId, hoster);
		await expect(readRoom(marc, incidentId)).rejects.toMatchObject({ code: 'not_found' });
		await answerInvitation({ actor: sophie }, hoster, invitationId, { answer: 'accept' });
		expect((await readRoom(marc, incidentId)).role).toBe('responder');
	});

	it('the inviter may withdraw an invitation not answered yet', async () => {
		const { claire, hoster, nadia, declare } = await setting();
		const incidentId = await declare('Shop down');
		const invitationId = await invitePending(claire, incidentId, hoster);
		await withdrawInvitation({ actor: claire }, incidentId, invitationId);
		await expect(
			answerInvitation({ actor: nadia }, hoster, invitationId, { answer: 'accept' })
		).rejects.toMatchObject({ code: 'conflict' });
		await expect(readRoom(nadia, incidentId)).rejects.toMatchObject({ code: 'not_found' });
	});

	it('a partner can leave; the declaring organization cannot', async () => {
		const { claire, merchant, hoster, nadia, marc, declare } = await setting();
		const incidentId = await declare('Shop down');
		await shareAccepted(claire, incidentId, hoster);
		await expect(
			leaveIncident({ actor: marc }, incidentId, { organizationId: hoster })
		).rejects.toMatchObject({ code: 'forbidden' });
		await expect(
			leaveIncident({ actor: claire }, incidentId, { organizationId: merchant })
		).rejects.toMatchObject({ code: 'invalid' });
		const before = await countRows('incident_organizations');
		await leaveIncident({ actor: nadia }, incidentId, { organizationId: hoster });
		expect(await countRows('incident_organizations')).toBe(before - 1);
		await expect(readRoom(marc, incidentId)).rejects.toMatchObject({ code: 'not_found' });
		expect((await listEventsAfter(incidentId, 0)).at(-1)?.kind).toBe('incident.left');
	});

	it('a changed invitation code no longer invites', async () => {
		const { claire, hoster, nadia, declare } = await setting();
		const old = await readInvitationCode(nadia, hoster);
		const { result } = await changeInvitationCode({ actor: nadia }, hoster);
		expect(result.code).not.toBe(old);
		const incidentId = await declare('Shop down');
		await expect(
			inviteOrganization({ actor: claire }, incidentId, { code: old })
		).rejects.toMatchObject({ code: 'not_found' });
		await inviteOrganization({ actor: claire }, incidentId, { code: result.code.toLowerCase() });
	});
});

describe('contacts are shared deliberately', () => {
	it('a partner sees its own contacts, the declaring organization’s people, and what was shared with it', async () => {
		const { claire, merchant, hoster, nadia, marc, declare } = await setting();
		const contact = async (name: string, extra: Record<string, unknown>) =>
			(
				await createContact({ actor: claire }, merchant, {
					providerName: 'Provider',
					name,
					phones: '+33 1 00',
					...extra
				})
			).result.contactId as string;
		await contact('Our DSI desk', { providerOrganizationId: merchant });
		await contact('Hoster NOC', { providerOrganizationId: hoster });
		const psp = await contact('Payment desk', {});
		const dns = await contact('DNS desk', {});
		await createContact({ actor: nadia }, hoster, {
			providerName: 'Rack vendor',
			name: 'Vendor hotline',
			phones: '+33 1 01'
		});
		const incidentId = await declare('Shop down');
		await shareAccepted(claire, incidentId, hoster);
		const seenBy = async (who: { userId: string }) =>
			(await readRoom(who, incidentId)).contacts.map((c) => c.name).sort();

		expect(await seenBy(marc)).toEqual(['Hoster NOC', 'Our DSI desk', 'Vendor hotline']);
		expect(await seenBy(claire)).toEqual([
			'DNS desk',
			'Hoster NOC',
			'Our DSI desk',
			'Payment desk'
		]);
		await expect(
			logCall({ actor: marc }, incidentId, { contactId: psp, outcome: 'Called' })
		).rejects.toMatchObject({ code: 'not_found' });

		// Shared in this incident only: visible there, and a call can be logged.
		await expect(
			shareContactInIncident({ actor: nadia }, incidentId, { contactId: psp, shared: true })
		).rejects.toMatchObject({ code: 'not_found' });
		await shareContactInIncident({ actor: claire }, incidentId, { contactId: psp, shared: true });
		expect(await seenBy(marc)).toContain('Payment desk');
		await logCall({ actor: marc }, incidentId, { contactId: psp, outcome: 'Called' });
		const other = await declare('Another night');
		await shareAccepted(claire, other, hoster);
		expect((await readRoom(marc, other)).contacts.map((c) => c.name)).not.toContain('Payment desk');
		await shareContactInIncident({ actor: claire }, incidentId, { contactId: psp, shared: false });
		expect(await seenBy(marc)).not.toContain('Payment desk');

		// Visible to partners everywhere, by the contact's own setting.
		await updateContact({ actor: claire }, merchant, dns, {
			providerName: 'Provider',
			name: 'DNS desk',
			phones: '+33 1 00',
			visibleToPartners: 'true'
		});
		expect(await seenBy(marc)).toContain('DNS desk');
	});
});
