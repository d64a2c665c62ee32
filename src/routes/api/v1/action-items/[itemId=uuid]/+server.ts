import { writeEndpoint } from '$lib/server/http';
import { changeActionItem, removeActionItem } from '$lib/server/postmortems/action-items';
import type { RequestHandler } from './$types';

/**
 * Changes an action item: { status?, title?, ownerId?, dueOn? } on the version of If-Match
 * (or `version`); checked on the item's incident.
 */
export const PATCH: RequestHandler = writeEndpoint((context, body, { params }) =>
	changeActionItem(context, params.itemId, body)
);

/** Removes an action item from its post-mortem. */
export const DELETE: RequestHandler = writeEndpoint(
	(context, _, { params }) => removeActionItem(context, params.itemId),
	{ optionalBody: true }
);
