import { writeEndpoint } from '$lib/server/http';
import { importItems } from '$lib/server/inventory/import';
import type { RequestHandler } from './$types';

/** Imports items from CSV text: { text } (a header row, then one item a line); all or nothing. */
export const POST: RequestHandler = writeEndpoint((context, body, { params }) =>
	importItems(context, params.id, body)
);
