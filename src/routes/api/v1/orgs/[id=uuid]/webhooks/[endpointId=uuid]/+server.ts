import { answer, endpoint, readerOf, writeEndpoint } from '$lib/server/http';
import { deleteEndpoint, readEndpoint, updateEndpoint } from '$lib/server/webhooks/endpoints';
import type { RequestHandler } from './$types';

/** One endpoint and its delivery log, newest first (status, duration, response, next attempt). */
export const GET: RequestHandler = endpoint(async (event) =>
	answer(await readEndpoint(readerOf(event), event.params.id, event.params.endpointId))
);

/**
 * Changes { name, url, groups, enabled } on the version of `If-Match` (or `version`); turning
 * it on again forgets its failures.
 */
export const PATCH: RequestHandler = writeEndpoint((context, body, { params }) =>
	updateEndpoint(context, params.id, params.endpointId, body)
);

/** Removes it: nothing more is sent to it. */
export const DELETE: RequestHandler = writeEndpoint(
	(context, _, { params }) => deleteEndpoint(context, params.id, params.endpointId),
	{ optionalBody: true }
);
