import { endpoint, writeOf, written } from '$lib/server/http';
import { importItems } from '$lib/server/inventory/import';
import type { RequestHandler } from './$types';

/** Imports items from CSV text: { text } (a header row, then one item a line); all or nothing. */
export const POST: RequestHandler = endpoint(async (event) => {
	const { context, body } = await writeOf(event);
	const { result, replayed } = await importItems(context, event.params.id, body);
	return written(result, replayed);
});
