import { deleteContact, updateContact } from '$lib/server/contacts/commands';
import { writeEndpoint } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Changes a contact: the whole contact, as created; with If-Match (or `version`), 409 if stale. */
export const PATCH: RequestHandler = writeEndpoint((context, body, { params }) =>
	updateContact(context, params.id, params.contactId, body)
);

/** Deletes a contact. */
export const DELETE: RequestHandler = writeEndpoint(
	(context, _, { params }) => deleteContact(context, params.id, params.contactId),
	{ optionalBody: true }
);
