import { writeEndpoint } from '$lib/server/http';
import { declareIncident } from '$lib/server/incidents/commands';
import type { RequestHandler } from './$types';

/**
 * Declares an incident for the organization: { title, severity, summary?, detectedAt?,
 * declaredAt?, milestones?: { trigger?, acknowledged?, identified?, mitigated?, recovered? },
 * mode?, timezone?, clientMutationId? }. Times are the true ones, for a night written afterwards.
 */
export const POST: RequestHandler = writeEndpoint((context, body, { params }) =>
	declareIncident(context, params.id, body)
);
