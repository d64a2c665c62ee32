import type { OrganizationKind } from '$lib/organizations/roles';
import { db, type Db } from '../db/db';

export interface PartnerOrganization {
	id: string;
	name: string;
	kind: OrganizationKind;
}

/**
 * The organizations one organization works with: providers named in its inventory or its
 * contacts, and those it shared incidents with (either way). Offered when sharing an incident
 * or naming a step's approver; nobody gets a list of every tenant.
 */
export async function listPartners(
	organizationId: string,
	sql: Db = db()
): Promise<PartnerOrganization[]> {
	return sql<PartnerOrganization[]>`
		select o.id, o.name, o.kind from organizations o
		where o.id <> ${organizationId} and o.id in (
			select provider_organization_id from inventory_items where organization_id = ${organizationId}
			union select provider_organization_id from provider_contacts where organization_id = ${organizationId}
			union select io.organization_id from incident_organizations io
				join incidents i on i.id = io.incident_id where i.organization_id = ${organizationId}
			union select i.organization_id from incident_organizations io
				join incidents i on i.id = io.incident_id where io.organization_id = ${organizationId})
		order by o.name
		limit 100`;
}

/**
 * The partners an organization may invite into an incident by choosing them from a list: those
 * it already took part in an incident with, either way, after they accepted. Links anyone can
 * type (a contact or a server naming a provider) do not count: a stranger gives its code.
 */
export async function listInvitablePartners(
	organizationId: string,
	sql: Db = db()
): Promise<PartnerOrganization[]> {
	return sql<PartnerOrganization[]>`
		select o.id, o.name, o.kind from organizations o
		where o.id <> ${organizationId} and o.id in (
			select io.organization_id from incident_organizations io
				join incidents i on i.id = io.incident_id where i.organization_id = ${organizationId}
			union select i.organization_id from incident_organizations io
				join incidents i on i.id = io.incident_id where io.organization_id = ${organizationId})
		order by o.name
		limit 100`;
}
