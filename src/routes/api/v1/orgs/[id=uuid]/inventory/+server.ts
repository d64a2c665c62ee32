import { writeEndpoint } from '$lib/server/http';
import { createItem } from '$lib/server/inventory/commands';
import { listInventory } from '$lib/server/inventory/views';
import { listEndpoint } from '$lib/server/list-endpoint';
import type { RequestHandler } from './$types';

/** The organization's inventory by hostname, filtered by ?q=, ?tag= and ?status=; ?limit=, ?cursor=. */
export const GET: RequestHandler = listEndpoint(
	(reader, { params }, query) => listInventory(reader, params.id, query),
	(item) => [item.hostname, item.id]
);

/** Creates an item: { hostname, kind?, role?, …, dependsOn?, status?, clientMutationId? }. */
export const POST: RequestHandler = writeEndpoint((context, body, { params }) =>
	createItem(context, params.id, body)
);
