import { roleAtLeast, type Role } from '$lib/roles';
import { db, type Db } from '../db/db';
import { AppError } from '../errors';
import type { Actor } from './actor';
import { PERMISSIONS, type Permission } from './permissions';

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
	const [row] = await sql<{ role: Role }[]>`
		select role from memberships where user_id = ${userId} and organization_id = ${organizationId}`;
	return row ? { organizationId, userId, role: row.role } : null;
}

/**
 * The one authorization check. Someone outside the organization learns nothing (not found);
 * a member whose role is too low is told so (forbidden).
 */
export async function authorize(
	actor: Pick<Actor, 'userId'>,
	organizationId: string,
	permission: Permission,
	sql: Db = db()
): Promise<Membership> {
	const membership = await findMembership(actor.userId, organizationId, sql);
	if (!membership)
		throw new AppError('not_found', 'This organization does not exist or you are not a member.');
	const needed = PERMISSIONS[permission];
	if (!roleAtLeast(membership.role, needed)) {
		throw new AppError(
			'forbidden',
			`Only ${needed}s and above may do this; you are ${membership.role}.`
		);
	}
	return membership;
}

export async function may(
	actor: Pick<Actor, 'userId'>,
	organizationId: string,
	permission: Permission,
	sql: Db = db()
): Promise<boolean> {
	const membership = await findMembership(actor.userId, organizationId, sql);
	return membership !== null && roleAtLeast(membership.role, PERMISSIONS[permission]);
}
