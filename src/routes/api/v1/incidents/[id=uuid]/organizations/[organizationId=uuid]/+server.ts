import { endpoint, writeOf, written } from '$lib/server/http';
import { unshareIncident } from '$lib/server/incidents/sharing';
import type { RequestHandler } from './$types';

/** Removes a partner from the incident (the declaring organization's admins). */
export const DELETE: RequestHandler = endpoint(async (event) => {
	const { context } = await writeOf(event, { optionalBody: true });
	const { result, replayed } = await unshareIncident(context, event.params.id, {
		organizationId: event.params.organizationId
	});
	return written(result, replayed);
});
