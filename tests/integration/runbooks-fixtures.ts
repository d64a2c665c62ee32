import { randomUUID } from 'node:crypto';
import { db } from '../../src/lib/server/db/db';
import type { TemplateStep } from '../../src/lib/runbooks/types';

export function templateStep(key: string, overrides: Partial<TemplateStep> = {}): TemplateStep {
	return {
		key,
		title: key,
		instructions: '',
		ownerSide: 'provider',
		role: 'engineer',
		plannedMinutes: 30,
		dependsOn: [],
		itemIds: [],
		expandTag: null,
		requiresApproval: null,
		...overrides
	};
}

/** Mobilise → provision {server} → reinstall {server} (per shop-cluster server) → smoke test. */
export function rebuildBody() {
	return {
		phases: [
			{
				title: 'Mobilise',
				steps: [templateStep('call', { title: 'Call the NOC', plannedMinutes: 10 })]
			},
			{
				title: 'Rebuild',
				steps: [
					templateStep('provision', {
						title: 'Provision {server}',
						expandTag: 'shop-cluster',
						dependsOn: ['call']
					}),
					templateStep('reinstall', {
						title: 'Reinstall Debian on {server}',
						expandTag: 'shop-cluster',
						dependsOn: ['provision'],
						plannedMinutes: 60
					})
				]
			},
			{
				title: 'Verify',
				steps: [templateStep('smoke', { title: 'Smoke-test the shop', dependsOn: ['reinstall'] })]
			}
		]
	};
}

/** An incident of `organizationId`, inserted directly (the incident commands are not under test). */
export async function newIncident(organizationId: string, timezone = 'Europe/Paris') {
	const id = randomUUID();
	const sql = db();
	await sql`insert into streams (id, kind, organization_id) values (${id}, 'incident', ${organizationId})`;
	await sql`
		insert into incidents (id, organization_id, title, severity, detected_at, timezone)
		values (${id}, ${organizationId}, 'Shop down', 'SEV1', now(), ${timezone})`;
	await sql`insert into incident_organizations (incident_id, organization_id) values (${id}, ${organizationId})`;
	return id;
}

export async function shareIncident(incidentId: string, organizationId: string) {
	await db()`insert into incident_organizations (incident_id, organization_id) values (${incidentId}, ${organizationId})`;
}

export async function newItem(organizationId: string, hostname: string, tags: string[]) {
	const [row] = await db()<{ id: string }[]>`
		insert into inventory_items (organization_id, hostname, tags)
		values (${organizationId}, ${hostname}, ${tags}) returning id`;
	if (!row) throw new Error('no item');
	return row.id;
}
