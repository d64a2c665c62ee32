import { randomUUID } from 'node:crypto';
import { roleAtLeast, ROLES, type Role } from '../../../src/lib/organizations/roles';
import type { Actor } from '../../../src/lib/server/access/actor';
import { createApiToken } from '../../../src/lib/server/access/api-tokens';
import { createSession } from '../../../src/lib/server/auth/session';
import { createContact } from '../../../src/lib/server/contacts/commands';
import { db } from '../../../src/lib/server/db/db';
import { declareIncident } from '../../../src/lib/server/incidents/commands';
import { shareAccepted } from './consent';
import { createItem } from '../../../src/lib/server/inventory/commands';
import { linkItemToIncident } from '../../../src/lib/server/inventory/links';
import { startRun } from '../../../src/lib/server/runbooks/runs';
import { createTemplate } from '../../../src/lib/server/runbooks/templates';
import { addMember, newOrganization, newUser } from '../setup';

/**
 * The people and things every authorization check runs against: a merchant and its hoster
 * (each with one member per role), an outsider with an organization of their own, API
 * tokens, an incident of the merchant shared with the hoster and one that is not.
 */

export type Side = 'merchant' | 'provider' | 'outsider' | 'anonymous';

export interface Person extends Actor {
	email: string;
	session: string;
}

export interface Who {
	label: string;
	side: Side;
	/** The role in its own organization (none for anonymous). */
	role: Role | null;
	/** People have sessions; tokens act on the JSON API only. */
	kind: 'person' | 'token' | 'anonymous';
	person: Person | null;
	bearer: string | null;
}

export interface World {
	merchant: string;
	provider: string;
	outsiderOrg: string;
	people: Record<'merchant' | 'provider', Record<Role, Person>> & { outsider: Person };
	actors: Who[];
	/** Tokens, for the JSON API. */
	tokens: Who[];
	shared: string;
	unshared: string;
	templateId: string;
	contactId: string;
	itemId: string;
	stepIds: string[];
}

async function signedIn(actor: Actor & { email: string }): Promise<Person> {
	const { token } = await createSession(actor.userId);
	return { ...actor, session: token };
}

async function team(owner: Actor & { email: string }, organizationId: string, label: string) {
	const members = {} as Record<Role, Person>;
	members.owner = await signedIn(owner);
	for (const role of ROLES.filter((r) => r !== 'owner')) {
		members[role] = await signedIn(await addMember(organizationId, role, `${label} ${role}`));
	}
	return members;
}

export const SMALL_TEMPLATE = {
	phases: [
		{
			title: 'Work',
			steps: [
				{
					key: 'first',
					title: 'First step',
					ownerSide: 'provider',
					plannedMinutes: 10,
					dependsOn: []
				},
				{
					key: 'second',
					title: 'Second step',
					ownerSide: 'client',
					plannedMinutes: 10,
					dependsOn: ['first']
				}
			]
		}
	]
};

export async function buildWorld(): Promise<World> {
	const merchantOwner = await newUser('Merchant owner');
	const merchant = await newOrganization(merchantOwner, 'merchant');
	const providerOwner = await newUser('Provider owner');
	const provider = await newOrganization(providerOwner, 'provider');
	const outsiderUser = await newUser('Outsider');
	const outsiderOrg = await newOrganization(outsiderUser, 'merchant');
	const people = {
		merchant: await team(merchantOwner, merchant, 'Merchant'),
		provider: await team(providerOwner, provider, 'Provider'),
		outsider: await signedIn(outsiderUser)
	};
	const actors: Who[] = [];
	for (const side of ['merchant', 'provider'] as const) {
		for (const role of ROLES) {
			const person = people[side][role];
			actors.push({ label: `${side} ${role}`, side, role, kind: 'person', person, bearer: null });
		}
	}
	actors.push({
		label: 'outsider (owner elsewhere)',
		side: 'outsider',
		role: 'owner',
		kind: 'person',
		person: people.outsider,
		bearer: null
	});
	actors.push({
		label: 'anonymous',
		side: 'anonymous',
		role: null,
		kind: 'anonymous',
		person: null,
		bearer: null
	});

	const owner = people.merchant.owner;
	const tokens: Who[] = [];
	for (const role of ['viewer', 'responder', 'admin'] as const) {
		const { token } = await createApiToken({ actor: owner }, merchant, {
			name: `ci ${role}`,
			role
		});
		tokens.push({
			label: `merchant ${role} token`,
			side: 'merchant',
			role,
			kind: 'token',
			person: null,
			bearer: token
		});
	}
	const providerToken = await createApiToken({ actor: people.provider.owner }, provider, {
		name: 'hoster monitoring',
		role: 'responder'
	});
	tokens.push({
		label: 'provider responder token',
		side: 'provider',
		role: 'responder',
		kind: 'token',
		person: null,
		bearer: providerToken.token
	});

	const templateId = (
		await createTemplate({ actor: owner }, merchant, { name: 'Small', body: SMALL_TEMPLATE })
	).result.templateId;
	const contactId = (
		await createContact({ actor: owner }, merchant, {
			providerName: 'Hoster',
			providerOrganizationId: provider,
			name: 'NOC',
			phones: '+33 1 23 45 67 89'
		})
	).result.contactId as string;
	const itemId = await freshItem(owner, merchant);
	const shared = await freshIncident(owner, merchant, provider, true);
	await linkItemToIncident({ actor: owner }, shared, { itemId });
	await startRun({ actor: owner }, shared, { templateId });
	const steps = await db()<{ id: string }[]>`
		select s.id from run_steps s join runbook_runs r on r.id = s.run_id
		where r.incident_id = ${shared} order by s.position`;
	const unshared = await freshIncident(owner, merchant, provider, false);
	return {
		merchant,
		provider,
		outsiderOrg,
		people,
		actors,
		tokens,
		shared,
		unshared,
		templateId,
		contactId,
		itemId,
		stepIds: steps.map((s) => s.id)
	};
}

export async function freshIncident(
	owner: Actor,
	merchant: string,
	provider: string,
	shared: boolean
): Promise<string> {
	const { incidentId } = (
		await declareIncident({ actor: owner }, merchant, { title: 'Shop down', severity: 'SEV2' })
	).result;
	if (shared) await shareAccepted(owner, incidentId, provider);
	return incidentId;
}

export async function freshItem(owner: Actor, organizationId: string): Promise<string> {
	const hostname = `web-${randomUUID().slice(0, 8)}`;
	return (await createItem({ actor: owner }, organizationId, { hostname })).result.itemId as string;
}

/** The role an actor holds where it counts, or null when it has none there. */
export function roleIn(world: World, who: Who, organizationIds: string[]): Role | null {
	if (!who.role) return null;
	const own =
		who.side === 'merchant'
			? world.merchant
			: who.side === 'provider'
				? world.provider
				: who.side === 'outsider'
					? world.outsiderOrg
					: null;
	return own && organizationIds.includes(own) ? who.role : null;
}

export function atLeast(role: Role | null, needed: Role): boolean {
	return role !== null && roleAtLeast(role, needed);
}
