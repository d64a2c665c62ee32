import type { Contact } from '$lib/contacts';
import { db, type Db } from '../db/db';

export type { Contact };

const COLUMNS = (sql: Db) => sql`
	c.id, c.organization_id as "organizationId", c.provider_name as "providerName",
	c.provider_organization_id as "providerOrganizationId", c.name, c.function, c.phones, c.email,
	c.hours, c.escalation_level as "escalationLevel", c.contract_ref as "contractRef", c.notes, c.version`;

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

/** The contacts kept by the organizations taking part in an incident, by escalation level. */
export async function listIncidentContacts(incidentId: string, sql: Db = db()): Promise<Contact[]> {
	return sql<Contact[]>`
		select ${COLUMNS(sql)} from provider_contacts c
		join incident_organizations io on io.organization_id = c.organization_id
		where io.incident_id = ${incidentId}
		order by c.escalation_level, c.provider_name, c.name`;
}
