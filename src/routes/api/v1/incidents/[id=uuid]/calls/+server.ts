import { logCall } from '$lib/server/contacts/commands';
import { writeEndpoint } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Logs a call to a contact: { contactId, outcome, calledAt?, backdateReason? }. */
export const POST: RequestHandler = writeEndpoint((context, body, { params }) =>
	logCall(context, params.id, body)
);
