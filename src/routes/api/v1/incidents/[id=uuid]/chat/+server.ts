import { endpoint, writeOf, written } from '$lib/server/http';
import { setChatUpdates } from '$lib/server/incidents/chat';
import type { RequestHandler } from './$types';

/** Posts this incident's updates to the chat channels (or stops): { enabled: true | false }. */
export const PUT: RequestHandler = endpoint(async (event) => {
	const { context, body } = await writeOf(event);
	const { result, replayed } = await setChatUpdates(context, event.params.id, body);
	return written(result, replayed);
});
