import { json } from '@sveltejs/kit';
import { endpoint, readerOf, writeEndpoint } from '$lib/server/http';
import { createItem } from '$lib/server/inventory/commands';
import { listInventory } from '$lib/server/inventory/views';
import { pageOfList } from '$lib/server/pagination';
import type { RequestHandler } from './$types';

/** The organization's inventory by hostname, filtered by ?q=, ?tag= and ?status=; ?limit=, ?cursor=. */
export const GET: RequestHandler = endpoint(async (event) => {
	const query = Object.fromEntries(event.url.searchParams);
	const items = await listInventory(readerOf(event), event.params.id, query);
	return json(pageOfList(items, query, (item) => [item.hostname, item.id]));
});

/** Creates an item: { hostname, kind?, role?, …, dependsOn?, status?, clientMutationId? }. */
export const POST: RequestHandler = writeEndpoint((context, body, { params }) =>
	createItem(context, params.id, body)
);
