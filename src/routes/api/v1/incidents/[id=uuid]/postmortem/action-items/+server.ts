import { writeEndpoint } from '$lib/server/http';
import { addActionItem } from '$lib/server/postmortems/action-items';
import type { RequestHandler } from './$types';

/** Adds an action item: { title, ownerId, dueOn (YYYY-MM-DD) }. */
export const POST: RequestHandler = writeEndpoint((context, body, { params }) =>
	addActionItem(context, params.id, body)
);
