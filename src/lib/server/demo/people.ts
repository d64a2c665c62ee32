import type { Actor } from '../access/actor';
import { createOrganization } from '../organizations/commands';
import { acceptInvite, createInvite } from '../organizations/invites';
import { signUp } from '../users/sign-up';

export const DEMO_PASSWORD = 'nightshift-demo';

/** The accounts printed at start: one on each side of the night. */
export const DEMO_ACCOUNTS = [
	{
		side: 'merchant',
		email: 'claire@petitnuage.example',
		name: 'Claire Martin',
		role: 'owner (DSI)',
		password: DEMO_PASSWORD
	},
	{
		side: 'hoster',
		email: 'marc@rempart.example',
		name: 'Marc Lefèvre',
		role: 'responder (on-call)',
		password: DEMO_PASSWORD
	},
	{
		side: 'hoster',
		email: 'nadia@rempart.example',
		name: 'Nadia Benali',
		role: 'owner (technical director)',
		password: DEMO_PASSWORD
	}
] as const;

export interface DemoCast {
	claire: Actor;
	julien: Actor;
	marc: Actor;
	nadia: Actor;
	sophie: Actor;
	petitNuage: string;
	rempart: string;
}

async function person(email: string, displayName: string): Promise<Actor> {
	const { userId } = await signUp({
		email,
		displayName,
		password: DEMO_PASSWORD,
		timezone: 'Europe/Paris'
	});
	return { userId, name: displayName, source: 'manual' };
}

/** Both organizations and their people, joined through real invites. */
export async function createCast(): Promise<DemoCast> {
	const claire = await person('claire@petitnuage.example', 'Claire Martin');
	const julien = await person('julien@petitnuage.example', 'Julien Moreau');
	const nadia = await person('nadia@rempart.example', 'Nadia Benali');
	const marc = await person('marc@rempart.example', 'Marc Lefèvre');
	const sophie = await person('sophie@rempart.example', 'Sophie Girard');
	const petitNuage = (await createOrganization(claire, { name: 'Petit Nuage', kind: 'merchant' }))
		.result.organizationId;
	const rempart = (await createOrganization(nadia, { name: 'Rempart Hosting', kind: 'provider' }))
		.result.organizationId;
	await join(claire, petitNuage, julien, 'responder');
	await join(nadia, rempart, marc, 'responder');
	await join(nadia, rempart, sophie, 'admin');
	return { claire, julien, marc, nadia, sophie, petitNuage, rempart };
}

async function join(owner: Actor, organizationId: string, member: Actor, role: string) {
	const invite = await createInvite({ actor: owner }, organizationId, { role });
	if (invite.token) await acceptInvite(member, invite.token);
}
