import { randomUUID } from 'node:crypto';
import type { Role } from '../../src/lib/organizations/roles';
import type { Actor } from '../../src/lib/server/access/actor';
import { db } from '../../src/lib/server/db/db';
import { listEventsAfter } from '../../src/lib/server/events/queries';
import { createItem } from '../../src/lib/server/inventory/commands';
import { newOrganization, newUser } from './setup';

/** Factories for the inventory's integration tests (the test file connects the database). */
const sql = () => db();

export async function member(
	organizationId: string,
	role: Role,
	name = `A ${role}`
): Promise<Actor> {
	const user = await newUser(name);
	await sql()`insert into memberships (organization_id, user_id, role)
		values (${organizationId}, ${user.userId}, ${role})`;
	return user;
}

export async function setting() {
	const owner = await newUser('Claire');
	const org = await newOrganization(owner);
	return {
		owner,
		org,
		admin: await member(org, 'admin', 'Alice'),
		responder: await member(org, 'responder', 'Rémi'),
		viewer: await member(org, 'viewer', 'Victor'),
		outsider: await newUser('Olga')
	};
}

export async function item(actor: Actor, org: string, hostname: string, extra: object = {}) {
	const { result } = await createItem({ actor }, org, { hostname, ...extra });
	return result.itemId;
}

export async function kinds(streamId: string) {
	return (await listEventsAfter(streamId, 0)).map((event) => event.kind);
}

export async function newIncident(org: string, others: string[] = [], status = 'mitigating') {
	const id = randomUUID();
	await sql()`insert into streams (id, kind, organization_id) values (${id}, 'incident', ${org})`;
	await sql()`insert into incidents (id, organization_id, title, severity, detected_at, status)
		values (${id}, ${org}, 'Shop down', 'SEV1', now(), ${status})`;
	for (const participant of [org, ...others]) {
		await sql()`insert into incident_organizations (incident_id, organization_id)
			values (${id}, ${participant})`;
	}
	return id;
}

export async function statusOf(itemId: string) {
	const [row] = await sql()`select status, version from inventory_items where id = ${itemId}`;
	return row;
}
