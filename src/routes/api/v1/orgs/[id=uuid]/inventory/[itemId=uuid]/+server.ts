import { AppError } from '$lib/server/errors';
import { endpoint, writeOf, written } from '$lib/server/http';
import { deleteItem, updateItem } from '$lib/server/inventory/commands';
import { findItem } from '$lib/server/inventory/queries';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';

/** The address names the organization: an item of another one is not found here. */
async function ofOrganization(organizationId: string, itemId: string) {
	const item = await findItem(itemId);
	if (item && item.organizationId !== organizationId) {
		throw new AppError('not_found', m.err_item_not_found());
	}
}

/** Changes an item: its fields as created, on the version of If-Match (or `version`). */
export const PATCH: RequestHandler = endpoint(async (event) => {
	const { context, body } = await writeOf(event);
	await ofOrganization(event.params.id, event.params.itemId);
	const { result, replayed } = await updateItem(context, event.params.itemId, body);
	return written(result, replayed);
});

/** Deletes an item (refused while an open incident or another item depends on it). */
export const DELETE: RequestHandler = endpoint(async (event) => {
	const { context, body } = await writeOf(event, { optionalBody: true });
	await ofOrganization(event.params.id, event.params.itemId);
	const { result, replayed } = await deleteItem(context, event.params.itemId, body);
	return written(result, replayed);
});
