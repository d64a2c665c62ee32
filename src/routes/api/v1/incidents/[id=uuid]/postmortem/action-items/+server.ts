import { endpoint, writeOf, written } from '$lib/server/http';
import { addActionItem } from '$lib/server/postmortems/action-items';
import type { RequestHandler } from './$types';

/** Adds an action item: { title, ownerId, dueOn (YYYY-MM-DD) }. */
export const POST: RequestHandler = endpoint(async (event) => {
	const { context, body } = await writeOf(event);
	const { result, replayed } = await addActionItem(context, event.params.id, body);
	return written(result, replayed);
});
