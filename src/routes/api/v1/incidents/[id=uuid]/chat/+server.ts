import { writeEndpoint } from '$lib/server/http';
import { setChatUpdates } from '$lib/server/incidents/chat';
import type { RequestHandler } from './$types';

/** Posts this incident's updates to the chat channels (or stops): { enabled: true | false }. */
export const PUT: RequestHandler = writeEndpoint((context, body, { params }) =>
	setChatUpdates(context, params.id, body)
);
