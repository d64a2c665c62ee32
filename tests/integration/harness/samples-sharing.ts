import { createContact } from '../../../src/lib/server/contacts/commands';
import { db } from '../../../src/lib/server/db/db';
import { declareIncident } from '../../../src/lib/server/incidents/commands';
import { createOrganization } from '../../../src/lib/server/organizations/commands';
import { readInvitationCode } from '../../../src/lib/server/organizations/invitation-code';
import { newUser } from '../setup';
import { invitePending, shareAccepted } from './consent';
import type { Sample, SampleContext } from './samples';
import { freshIncident } from './world';

/**
 * Samples for sharing by invitation: inviting, withdrawing, answering, leaving, removing, the
 * invitation code and contacts shown to partners.
 */

const owner = (ctx: SampleContext) => ctx.world.people.merchant.owner;
const org = (ctx: SampleContext) => ({ id: ctx.world.merchant });
const freshShared = (ctx: SampleContext) =>
	freshIncident(owner(ctx), ctx.world.merchant, ctx.world.provider, ctx.shared);

async function thirdOrganization(): Promise<{ id: string; code: string }> {
	const owner = await newUser('DNS owner');
	const id = (await createOrganization(owner, { name: 'DNS', kind: 'provider' })).result
		.organizationId;
	return { id, code: await readInvitationCode(owner, id) };
}

/** An incident of the hoster's, inviting the merchant: the merchant's admins answer it. */
async function invitationToMerchant(ctx: SampleContext): Promise<string> {
	const hoster = ctx.world.people.provider.owner;
	const { incidentId } = (
		await declareIncident({ actor: hoster }, ctx.world.provider, {
			title: 'Rack down',
			severity: 'SEV2'
		})
	).result;
	return invitePending(hoster, incidentId, ctx.world.merchant);
}

/** An incident of the hoster's that the merchant took part in (and may leave). */
async function merchantTakingPart(ctx: SampleContext): Promise<string> {
	const hoster = ctx.world.people.provider.owner;
	const { incidentId } = (
		await declareIncident({ actor: hoster }, ctx.world.provider, {
			title: 'Rack down',
			severity: 'SEV2'
		})
	).result;
	await shareAccepted(hoster, incidentId, ctx.world.merchant);
	return incidentId;
}

/** A pending invitation of the incident under test (fresh, so that each call can withdraw it). */
async function pendingOn(ctx: SampleContext) {
	const incidentId = await freshShared(ctx);
	const third = await thirdOrganization();
	return { incidentId, invitationId: await invitePending(owner(ctx), incidentId, third.id) };
}

/** A contact of the caller's own side, which its admins may show to partners. */
async function ownContact(ctx: SampleContext): Promise<string> {
	if (ctx.who.side !== 'provider') return ctx.world.contactId;
	const { result } = await createContact(
		{ actor: ctx.world.people.provider.owner },
		ctx.world.provider,
		{ providerName: 'Rack vendor', name: 'Hotline', phones: '+33 1 02' }
	);
	return String(result.contactId);
}

async function removable(ctx: SampleContext) {
	const incidentId = await freshShared(ctx);
	const third = await thirdOrganization();
	await db()`insert into incident_organizations (incident_id, organization_id) values (${incidentId}, ${third.id})`;
	return { incidentId, organizationId: third.id };
}

export const SHARING_SAMPLES: Record<string, Sample> = {
	'action /(app)/incidents/[id=uuid] share': async (ctx) => ({
		params: { id: await freshShared(ctx) },
		form: { code: (await thirdOrganization()).code }
	}),
	'action /(app)/incidents/[id=uuid] withdrawInvitation': async (ctx) => {
		const { incidentId, invitationId } = await pendingOn(ctx);
		return { params: { id: incidentId }, form: { invitationId } };
	},
	'action /(app)/incidents/[id=uuid] unshare': async (ctx) => {
		const { incidentId, organizationId } = await removable(ctx);
		return { params: { id: incidentId }, form: { organizationId } };
	},
	'action /(app)/incidents/[id=uuid] leave': async (ctx) => ({
		params: { id: await merchantTakingPart(ctx) },
		form: { organizationId: ctx.world.merchant }
	}),
	'action /(app)/incidents/[id=uuid] shareContact': async (ctx) => ({
		params: { id: ctx.incidentId },
		form: { contactId: await ownContact(ctx), shared: 'true' }
	}),
	'action /(app)/dashboard answerInvitation': async (ctx) => ({
		params: {},
		form: {
			organizationId: ctx.world.merchant,
			invitationId: await invitationToMerchant(ctx),
			answer: 'decline'
		}
	}),
	'action /(app)/orgs/[id=uuid] changeInvitationCode': (ctx) => ({ params: org(ctx), form: {} }),

	'GET /api/v1/incidents/[id=uuid]/invitations': (ctx) => ({ params: { id: ctx.incidentId } }),
	'POST /api/v1/incidents/[id=uuid]/invitations': async (ctx) => ({
		params: { id: await freshShared(ctx) },
		json: { code: (await thirdOrganization()).code }
	}),
	'DELETE /api/v1/incidents/[id=uuid]/invitations/[invitationId=uuid]': async (ctx) => {
		const { incidentId, invitationId } = await pendingOn(ctx);
		return { params: { id: incidentId, invitationId } };
	},
	'DELETE /api/v1/incidents/[id=uuid]/organizations/[organizationId=uuid]': async (ctx) => {
		const { incidentId, organizationId } = await removable(ctx);
		return { params: { id: incidentId, organizationId } };
	},
	'POST /api/v1/incidents/[id=uuid]/shared-contacts': async (ctx) => ({
		params: { id: ctx.incidentId },
		json: { contactId: await ownContact(ctx), shared: true }
	}),
	'GET /api/v1/orgs/[id=uuid]/incident-invitations': (ctx) => ({ params: org(ctx) }),
	'POST /api/v1/orgs/[id=uuid]/incident-invitations/[invitationId=uuid]': async (ctx) => ({
		params: { ...org(ctx), invitationId: await invitationToMerchant(ctx) },
		json: { answer: 'accept' }
	}),
	'DELETE /api/v1/orgs/[id=uuid]/participations/[incidentId=uuid]': async (ctx) => ({
		params: { ...org(ctx), incidentId: await merchantTakingPart(ctx) }
	}),
	'GET /api/v1/orgs/[id=uuid]/invitation-code': (ctx) => ({ params: org(ctx) }),
	'POST /api/v1/orgs/[id=uuid]/invitation-code': (ctx) => ({ params: org(ctx) })
};
