import { shareContactInIncident } from '$lib/server/contacts/commands';
import { writeEndpoint } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Shows one of your organization's contacts to this incident's partners, or stops: { contactId, shared }. */
export const POST: RequestHandler = writeEndpoint((context, body, { params }) =>
	shareContactInIncident(context, params.id, body)
);
