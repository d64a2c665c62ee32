import { writeEndpoint } from '$lib/server/http';
import { setCommander } from '$lib/server/incidents/commands';
import type { RequestHandler } from './$types';

/** Sets the incident commander: { userId }, on the incident's version of If-Match (or `version`). */
export const PUT: RequestHandler = writeEndpoint((context, body, { params }) =>
	setCommander(context, params.id, body)
);
