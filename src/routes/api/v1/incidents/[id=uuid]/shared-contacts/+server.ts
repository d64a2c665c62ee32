import { shareContactInIncident } from '$lib/server/contacts/commands';
import { endpoint, writeOf, written } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Shows one of your organization's contacts to this incident's partners, or stops: { contactId, shared }. */
export const POST: RequestHandler = endpoint(async (event) => {
	const { context, body } = await writeOf(event);
	const { result, replayed } = await shareContactInIncident(context, event.params.id, body);
	return written(result, replayed);
});
