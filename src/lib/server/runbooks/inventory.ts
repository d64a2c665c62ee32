import type { InventoryItemRef } from '$lib/runbooks/expansion';
import type { Db } from '../db/db';
import { assertOwnRows } from '../access/own-rows';
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

export function assertItemsOfOrganization(
	sql: Db,
	organizationId: string,
	itemIds: readonly string[]
): Promise<void> {
	return assertOwnRows(sql, 'inventory_items', organizationId, itemIds, {
		field: 'itemIds',
		message: m.err_linked_item_foreign
	});
}
