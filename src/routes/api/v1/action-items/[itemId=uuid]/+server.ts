import { endpoint, writeOf, written } from '$lib/server/http';
import { changeActionItem, removeActionItem } from '$lib/server/postmortems/action-items';
import type { RequestHandler } from './$types';

/**
 * Changes an action item: { status?, title?, ownerId?, dueOn? } on the version of If-Match
 * (or `version`); checked on the item's incident.
 */
export const PATCH: RequestHandler = endpoint(async (event) => {
	const { context, body } = await writeOf(event);
	const { result, replayed } = await changeActionItem(context, event.params.itemId, body);
	return written(result, replayed);
});

/** Removes an action item from its post-mortem. */
export const DELETE: RequestHandler = endpoint(async (event) => {
	const { context } = await writeOf(event, { optionalBody: true });
	const { result, replayed } = await removeActionItem(context, event.params.itemId);
	return written(result, replayed);
});
