import { writeEndpoint } from '$lib/server/http';
import { changeIncidentStatus } from '$lib/server/incidents/commands';
import type { RequestHandler } from './$types';

/** Changes the incident's status: { status, occurredAt?, reason?, version?, clientMutationId? }. */
export const POST: RequestHandler = writeEndpoint((context, body, { params }) =>
	changeIncidentStatus(context, params.id, body)
);
