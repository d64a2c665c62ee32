import { endpoint, writeOf, written } from '$lib/server/http';
import { leaveIncident } from '$lib/server/incidents/sharing';
import type { RequestHandler } from './$types';

/** The organization leaves another organization's incident: its members stop seeing it. */
export const DELETE: RequestHandler = endpoint(async (event) => {
	const { context } = await writeOf(event, { optionalBody: true });
	const { result, replayed } = await leaveIncident(context, event.params.incidentId, {
		organizationId: event.params.id
	});
	return written(result, replayed);
});
