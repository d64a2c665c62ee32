import { json } from '@sveltejs/kit';
import { AppError } from '$lib/server/errors';
import { endpoint, writeOf } from '$lib/server/http';
import { findItem } from '$lib/server/inventory/queries';
import { setItemStatus } from '$lib/server/inventory/status';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';

/**
 * Sets an item's status: { status, reason?, occurredAt?, clientMutationId?, version? } (or
 * If-Match); an earlier occurredAt is its true time, kept with the reason. A
 * retry with the same clientMutationId gets the first answer; a change sent on a version
 * whose status has moved on since is refused (409).
 */
export const POST: RequestHandler = endpoint(async (event) => {
	const { context, body } = await writeOf(event);
	// The address names the organization: an item of another one is not found here.
	const item = await findItem(event.params.itemId);
	if (item && item.organizationId !== event.params.id) {
		throw new AppError('not_found', m.err_item_not_found());
	}
	const { result, replayed } = await setItemStatus(context, event.params.itemId, body);
	return json({ ...result, replayed });
});
