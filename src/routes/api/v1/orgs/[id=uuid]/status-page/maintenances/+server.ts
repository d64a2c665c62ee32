import { writeEndpoint } from '$lib/server/http';
import { scheduleMaintenance } from '$lib/server/status/maintenances';
import type { RequestHandler } from './$types';

/**
 * Announces a maintenance on the status page: { name, body, scheduledFor, scheduledUntil,
 * components: [componentId] } (admins). The page's settings (GET …/status-page) list them.
 */
export const POST: RequestHandler = writeEndpoint((context, body, { params }) =>
	scheduleMaintenance(context, params.id, body)
);
