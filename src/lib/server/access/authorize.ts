import { roleAtLeast, roleLabel, type Role } from '$lib/organizations/roles';
import { db, type Db } from '../db/db';
import { AppError } from '../errors';
import { isUuid } from '../validation';
import type { Actor } from './actor';
import { PERMISSIONS, type Permission } from './permissions';
import { m } from '$lib/paraglide/messages';

export interface Membership {
	organizationId: string;
	userId: string;
	role: Role;
}

export async function findMembership(
	userId: string,
	organizationId: string,
	sql: Db = db()
): Promise<Membership | null> {
	if (!isUuid(userId) || !isUuid(organizationId)) return null;
	// access_grants: people's memberships and live API tokens (one organization, one role each).
	const [row] = await sql<{ role: Role }[]>`
		select role from access_grants where user_id = ${userId} and organization_id = ${organizationId}`;
	return row ? { organizationId, userId, role: row.role } : null;
}

/** The role a permission needs; a requirement of the data itself (a step's approver) may raise it. */
export function neededRole(permission: Permission, atLeast?: Role): Role {
	const floor = PERMISSIONS[permission];
	return atLeast && !roleAtLeast(floor, atLeast) ? atLeast : floor;
}

/**
 * The one authorization check. Someone outside the organization learns nothing (not found);
 * a member whose role is too low is told so (forbidden).
 */
export async function authorize(
	actor: Pick<Actor, 'userId'>,
	organizationId: string,
	permission: Permission,
	sql: Db = db(),
	atLeast?: Role
): Promise<Membership> {
	const membership = await findMembership(actor.userId, organizationId, sql);
	if (!membership) throw new AppError('not_found', m.err_organization_not_member());
	refuseBelow(membership.role, neededRole(permission, atLeast));
	return membership;
}

/** A role too low for what is asked is told which role it needs (forbidden). */
export function refuseBelow(role: Role, needed: Role): void {
	if (!roleAtLeast(role, needed)) {
		throw new AppError(
			'forbidden',
			m.err_role_needed({ needed: roleLabel(needed), role: roleLabel(role) })
		);
	}
}

/** The refusal of a command on an organization's things (see `command`). */
export const inOrganization =
	(permission: Permission) => (actor: Pick<Actor, 'userId'>, organizationId: string, sql: Db) =>
		authorize(actor, organizationId, permission, sql);

export async function may(
	actor: Pick<Actor, 'userId'>,
	organizationId: string,
	permission: Permission,
	sql: Db = db(),
	atLeast?: Role
): Promise<boolean> {
	const membership = await findMembership(actor.userId, organizationId, sql);
	return membership !== null && roleAtLeast(membership.role, neededRole(permission, atLeast));
}
