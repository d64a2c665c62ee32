import type { Contact, IncidentContact } from '$lib/contacts/types';
import { db, type Db } from '../db/db';

export type { Contact };

const COLUMNS = (sql: Db) => sql`
	c.id, c.organization_id as "organizationId", c.provider_name as "providerName",
	c.provider_organization_id as "providerOrganizationId", c.name, c.function, c.phones, c.email,
	c.hours, c.escalation_level as "escalationLevel", c.contract_ref as "contractRef", c.notes, c.version,
	c.visible_to_partners as "visibleToPartners"`;

export async function listContacts(organizationId: string, sql: Db = db()): Promise<Contact[]> {
	return sql<Contact[]>`
		select ${COLUMNS(sql)} from provider_contacts c
		where c.organization_id = ${organizationId}
		order by c.provider_name, c.escalation_level, c.name`;
}

export async function findContact(id: string, sql: Db = db()): Promise<Contact | null> {
	const [row] = await sql<
		Contact[]
	>`select ${COLUMNS(sql)} from provider_contacts c where c.id = ${id}`;
	return row ?? null;
}

/**
 * The contacts one person sees in an incident's room: those kept by their own organizations,
 * those about their own organizations, and those the other organizations taking part chose to
 * show partners (always, or in this incident). Nobody sees another's third parties otherwise.
 */
export async function listIncidentContacts(
	incidentId: string,
	userId: string,
	sql: Db = db()
): Promise<IncidentContact[]> {
	return sql<IncidentContact[]>`
		select ${COLUMNS(sql)}, (ic.contact_id is not null) as "sharedHere"
		from provider_contacts c
		join incident_organizations io on io.organization_id = c.organization_id
		left join incident_contacts ic on ic.incident_id = io.incident_id and ic.contact_id = c.id
		where io.incident_id = ${incidentId} and ${visibleTo(sql, userId)}
		order by c.escalation_level, c.provider_name, c.name`;
}

/** One contact of the incident, if this person may see it there (logging a call needs it). */
export async function findIncidentContact(
	incidentId: string,
	userId: string,
	contactId: string,
	sql: Db = db()
): Promise<IncidentContact | null> {
	const [row] = await sql<IncidentContact[]>`
		select ${COLUMNS(sql)}, (ic.contact_id is not null) as "sharedHere"
		from provider_contacts c
		join incident_organizations io on io.organization_id = c.organization_id
		left join incident_contacts ic on ic.incident_id = io.incident_id and ic.contact_id = c.id
		where io.incident_id = ${incidentId} and c.id = ${contactId} and ${visibleTo(sql, userId)}`;
	return row ?? null;
}

const visibleTo = (sql: Db, userId: string) => sql`(
	c.visible_to_partners or ic.contact_id is not null
	or exists (select 1 from access_grants g where g.user_id = ${userId}
		and (g.organization_id = c.organization_id or g.organization_id = c.provider_organization_id)))`;
