import { endpoint, writeOf, written } from '$lib/server/http';
import { setCommander } from '$lib/server/incidents/commands';
import type { RequestHandler } from './$types';

/** Sets the incident commander: { userId }, on the incident's version of If-Match (or `version`). */
export const PUT: RequestHandler = endpoint(async (event) => {
	const { context, body } = await writeOf(event);
	const { result, replayed } = await setCommander(context, event.params.id, body);
	return written(result, replayed);
});
