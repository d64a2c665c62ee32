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

/** A right held on some target (an organization, an incident): the role it is held with. */
type Held = { role: Role };
type Find<A extends Held> = (userId: string, targetId: string, sql: Db) => Promise<A | null>;
/** `atLeast`: a role the data itself asks for (a step's approver), if above the permission's. */
type Check<R> = (
	actor: Pick<Actor, 'userId'>,
	targetId: string,
	permission: Permission,
	sql?: Db,
	atLeast?: Role
) => Promise<R>;

/**
 * The three forms of one access check, from how the actor's right on a target is found: the
 * refusal that throws, the yes-or-no question, and the refusal of a command (see `command`).
 * Someone without a right learns nothing (not found); a role too low is told so (forbidden).
 */
export function accessCheck<A extends Held>(find: Find<A>, notFound: () => string) {
	const refuse: Check<A> = async (actor, targetId, permission, sql = db(), atLeast) => {
		const access = await find(actor.userId, targetId, sql);
		if (!access) throw new AppError('not_found', notFound());
		refuseBelow(access.role, neededRole(permission, atLeast));
		return access;
	};
	const may: Check<boolean> = async (actor, targetId, permission, sql = db(), atLeast) => {
		const access = await find(actor.userId, targetId, sql);
		return access !== null && roleAtLeast(access.role, neededRole(permission, atLeast));
	};
	const refusal =
		(permission: Permission) => (actor: Pick<Actor, 'userId'>, targetId: string, sql: Db) =>
			refuse(actor, targetId, permission, sql);
	return { refuse, may, refusal };
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

const organizationAccess = accessCheck(findMembership, m.err_organization_not_member);

/** The one authorization check on an organization's things. */
export const authorize = organizationAccess.refuse;

/** The refusal of a command on an organization's things (see `command`). */
export const inOrganization = organizationAccess.refusal;

export const may = organizationAccess.may;
