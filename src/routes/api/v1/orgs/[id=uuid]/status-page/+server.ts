import { answer, endpoint, readerOf, writeEndpoint } from '$lib/server/http';
import { saveStatusPage } from '$lib/server/status/commands';
import { readStatusPageSettings } from '$lib/server/status/queries';
import type { RequestHandler } from './$types';

/** The organization's status page settings and components (admins); `page` is null before one is opened. */
export const GET: RequestHandler = endpoint(async (event) => {
	const page = await readStatusPageSettings(readerOf(event), event.params.id);
	return answer({ page });
});

/**
 * Opens or changes the page: { enabled, slug, title, components: [{ itemId, name, state }] },
 * the whole page at once, on the version of If-Match (or `version`) when given.
 */
export const PUT: RequestHandler = writeEndpoint((context, body, { params }) =>
	saveStatusPage(context, params.id, body)
);
