import { json, type RequestEvent } from '@sveltejs/kit';
import type { RequestActor } from './access/actor-of';
import { apiActor, endpoint } from './http';
import { pageOfList } from './pagination';

type SortKey = (string | number)[];

/**
 * A JSON list read whole, answered a page at a time (`?limit=`, `?cursor=`): the caller, the
 * one read (which refuses whoever may not see it) and the page in the order of `keyOf`, whose
 * last part is the id so that no two rows share a key. The read is given the query too, for
 * lists that are also filtered by it.
 */
export function listEndpoint<E extends RequestEvent, T>(
	list: (reader: RequestActor, event: E, query: Record<string, string>) => Promise<T[]>,
	keyOf: (row: T) => SortKey,
	options: { person?: boolean } = {}
) {
	return endpoint(async (event: E) => {
		const query = Object.fromEntries(event.url.searchParams);
		const rows = await list(apiActor(event, options), event, query);
		return json(pageOfList(rows, query, keyOf));
	});
}
