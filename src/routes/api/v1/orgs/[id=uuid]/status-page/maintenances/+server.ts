import { endpoint, writeOf, written } from '$lib/server/http';
import { scheduleMaintenance } from '$lib/server/status/maintenances';
import type { RequestHandler } from './$types';

/**
 * Announces a maintenance on the status page: { name, body, scheduledFor, scheduledUntil,
 * components: [componentId] } (admins). The page's settings (GET …/status-page) list them.
 */
export const POST: RequestHandler = endpoint(async (event) => {
	const { context, body } = await writeOf(event);
	const { result, replayed } = await scheduleMaintenance(context, event.params.id, body);
	return written(result, replayed);
});
