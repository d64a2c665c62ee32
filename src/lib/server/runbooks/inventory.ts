import type { InventoryItemRef } from '$lib/runbooks/expansion';
import type { Db } from '../db/db';
import { AppError } from '../errors';
import { m } from '$lib/paraglide/messages';

/**
 * The little of the inventory runbooks need: hostnames and tags to expand steps over, and a
 * check that linked items belong to the template's organization.
 */
export async function listInventoryRefs(
	sql: Db,
	organizationId: string
): Promise<InventoryItemRef[]> {
	return sql<InventoryItemRef[]>`
		select id, hostname, tags from inventory_items
		where organization_id = ${organizationId}
		order by lower(hostname)`;
}

export async function assertItemsOfOrganization(
	sql: Db,
	organizationId: string,
	itemIds: readonly string[]
): Promise<void> {
	const wanted = [...new Set(itemIds)];
	if (wanted.length === 0) return;
	const rows = await sql<{ id: string }[]>`
		select id from inventory_items
		where organization_id = ${organizationId} and id = any(${wanted}::uuid[])`;
	if (rows.length !== wanted.length) {
		throw new AppError('invalid', m.err_linked_item_foreign(), {
			itemIds: m.err_linked_item_foreign()
		});
	}
}
