import { deleteContact, updateContact } from '$lib/server/contacts/commands';
import { endpoint, writeOf, written } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Changes a contact: the whole contact, as created; with If-Match (or `version`), 409 if stale. */
export const PATCH: RequestHandler = endpoint(async (event) => {
	const { context, body } = await writeOf(event);
	const { id, contactId } = event.params;
	const { result, replayed } = await updateContact(context, id, contactId, body);
	return written(result, replayed);
});

/** Deletes a contact. */
export const DELETE: RequestHandler = endpoint(async (event) => {
	const { context } = await writeOf(event, { optionalBody: true });
	const { id, contactId } = event.params;
	const { result, replayed } = await deleteContact(context, id, contactId);
	return written(result, replayed);
});
