import { answer, endpoint, readerOf, writeOf, written } from '$lib/server/http';
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
export const PATCH: RequestHandler = endpoint(async (event) => {
	const { context, body } = await writeOf(event);
	const { result, replayed } = await updateEndpoint(
		context,
		event.params.id,
		event.params.endpointId,
		body
	);
	return written(result, replayed);
});

/** Removes it: nothing more is sent to it. */
export const DELETE: RequestHandler = endpoint(async (event) => {
	const { context } = await writeOf(event, { optionalBody: true });
	const { result, replayed } = await deleteEndpoint(
		context,
		event.params.id,
		event.params.endpointId
	);
	return written(result, replayed);
});
