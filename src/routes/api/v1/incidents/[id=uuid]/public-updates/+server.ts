import { endpoint, writeOf, written } from '$lib/server/http';
import { postPublicUpdate } from '$lib/server/status/commands';
import type { RequestHandler } from './$types';

/**
 * Publishes an update on the declaring organization's status page: { name?, phase, impact?,
 * body, components?: [{ componentId, state }] }. Nothing of the timeline is sent.
 */
export const POST: RequestHandler = endpoint(async (event) => {
	const { context, body } = await writeOf(event);
	const { result, replayed } = await postPublicUpdate(context, event.params.id, body);
	return written(result, replayed);
});
