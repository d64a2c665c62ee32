import { ROLES, type Role } from '$lib/organizations/roles';
import type { Actor } from '../access/actor';
import type { Permission } from '../access/permissions';
import { db, type Db } from '../db/db';
import { accessCheck, authorize } from '../access/authorize';
import { AppError, isAppError } from '../errors';
import { isUuid } from '../validation';
import { m } from '$lib/paraglide/messages';

export interface IncidentAccess {
	incidentId: string;
	/** The incident's own organization (the one that declared it). */
	ownerOrganizationId: string;
	/** The actor's organization through which they take part, and their role in it. */
	organizationId: string;
	role: Role;
	/**
	 * The actor's role in each organization taking part that they belong to (the declaring one
	 * always takes part): the room's approvals and owner-only decisions, without asking again.
	 */
	roles: Record<string, Role>;
}

/**
 * Inside a shared incident each person acts with the role they hold in their own
 * organization; with several, the highest counts. Outsiders learn nothing (not found).
 */
export async function findIncidentAccess(
	userId: string,
	incidentId: string,
	sql: Db = db()
): Promise<IncidentAccess | null> {
	if (!isUuid(userId) || !isUuid(incidentId)) return null;
	const rows = await sql<{ owner: string; organization_id: string; role: Role }[]>`
		select i.organization_id as owner, m.organization_id, m.role
		from incidents i
		join incident_organizations io on io.incident_id = i.id
		join access_grants m on m.organization_id = io.organization_id and m.user_id = ${userId}
		where i.id = ${incidentId}`;
	const best = rows.sort((a, b) => ROLES.indexOf(b.role) - ROLES.indexOf(a.role))[0];
	if (!best) return null;
	return {
		incidentId,
		ownerOrganizationId: best.owner,
		organizationId: best.organization_id,
		role: best.role,
		roles: Object.fromEntries(rows.map((r) => [r.organization_id, r.role]))
	};
}

const incidentAccess = accessCheck(findIncidentAccess, m.err_incident_not_found);

export const authorizeIncident = incidentAccess.refuse;

/** The refusal of a command on an incident, through any organization taking part (see `command`). */
export const inIncident = incidentAccess.refusal;

/** Whether the actor may do this in the incident (the room join asks on every join). */
export const mayIncident = incidentAccess.may;

/**
 * For what only the incident's own organization decides (who takes part): the actor must see
 * the incident, and hold the permission in the declaring organization, whatever other
 * organization they take part through.
 */
export async function authorizeIncidentOwner(
	actor: Pick<Actor, 'userId'>,
	incidentId: string,
	permission: Permission,
	sql: Db = db()
): Promise<IncidentAccess> {
	const access = await authorizeIncident(actor, incidentId, 'incident.view', sql);
	try {
		const membership = await authorize(actor, access.ownerOrganizationId, permission, sql);
		return { ...access, organizationId: membership.organizationId, role: membership.role };
	} catch (error) {
		if (isAppError(error) && error.code === 'not_found') {
			throw new AppError('forbidden', m.err_only_declarer_decides());
		}
		throw error;
	}
}

/** The refusal of a command that only the declaring organization decides (see `command`). */
export const inIncidentOwner =
	(permission: Permission) => (actor: Pick<Actor, 'userId'>, incidentId: string, sql: Db) =>
		authorizeIncidentOwner(actor, incidentId, permission, sql);
