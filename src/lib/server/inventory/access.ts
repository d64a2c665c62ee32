import { roleAtLeast, roleLabel, ROLES, type Role } from '$lib/organizations/roles';
import type { Actor } from '../access/actor';
import { authorize, findMembership } from '../access/authorize';
import { PERMISSIONS, type Permission } from '../access/permissions';
import type { Db } from '../db/db';
import { AppError, isAppError } from '../errors';
import { isUuid } from '../validation';
import { findIncidentAccess } from '../incidents/access';
import { findItem, listOpenIncidentsOf, lockItem, type InventoryItem } from './queries';
import { m } from '$lib/paraglide/messages';

const NOT_FOUND = () => m.err_item_not_found();

/**
 * Finds an item and checks the actor may act on it in its organization. Someone outside that
 * organization learns nothing, not even that the item exists.
 */
export async function authorizeItem(
	actor: Pick<Actor, 'userId'>,
	itemId: string,
	permission: Permission,
	sql: Db,
	options: { lock?: boolean } = {}
): Promise<InventoryItem> {
	if (!isUuid(itemId)) throw new AppError('not_found', NOT_FOUND());
	const item = options.lock ? await lockItem(sql, itemId) : await findItem(itemId, sql);
	if (!item) throw new AppError('not_found', NOT_FOUND());
	await authorize(actor, item.organizationId, permission, sql).catch((error: unknown) => {
		if (isAppError(error) && error.code === 'not_found')
			throw new AppError('not_found', NOT_FOUND());
		throw error;
	});
	return item;
}

/**
 * Who may change an item's status: a responder of its organization, and also a responder of
 * another organization taking part in an open incident the item is linked to (the hoster's
 * engineer marks the client's web03 "rebuilding" from the room), with the role they hold in
 * their own organization.
 */
export async function authorizeStatusChange(
	actor: Pick<Actor, 'userId'>,
	itemId: string,
	sql: Db
): Promise<InventoryItem> {
	if (!isUuid(itemId)) throw new AppError('not_found', NOT_FOUND());
	const item = await lockItem(sql, itemId);
	if (!item) throw new AppError('not_found', NOT_FOUND());
	if (await findMembership(actor.userId, item.organizationId, sql)) {
		await authorize(actor, item.organizationId, 'inventory.status', sql);
		return item;
	}
	const role = await bestIncidentRole(actor.userId, itemId, sql);
	if (!role) throw new AppError('not_found', NOT_FOUND());
	const needed = PERMISSIONS['inventory.status'];
	if (!roleAtLeast(role, needed)) {
		throw new AppError(
			'forbidden',
			m.err_role_needed({ needed: roleLabel(needed), role: roleLabel(role) })
		);
	}
	return item;
}

async function bestIncidentRole(userId: string, itemId: string, sql: Db): Promise<Role | null> {
	let best: Role | null = null;
	for (const incident of await listOpenIncidentsOf(itemId, sql)) {
		const access = await findIncidentAccess(userId, incident.id, sql);
		if (access && (!best || ROLES.indexOf(access.role) > ROLES.indexOf(best))) best = access.role;
	}
	return best;
}
