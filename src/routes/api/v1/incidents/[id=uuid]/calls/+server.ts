import { logCall } from '$lib/server/contacts/commands';
import { endpoint, writeOf, written } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Logs a call to a contact: { contactId, outcome, calledAt?, backdateReason? }. */
export const POST: RequestHandler = endpoint(async (event) => {
	const { context, body } = await writeOf(event);
	const { result, replayed } = await logCall(context, event.params.id, body);
	return written(result, replayed);
});
