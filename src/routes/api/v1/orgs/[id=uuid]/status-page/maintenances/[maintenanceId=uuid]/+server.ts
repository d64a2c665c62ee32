import { writeEndpoint } from '$lib/server/http';
import { cancelMaintenance, updateMaintenance } from '$lib/server/status/maintenances';
import type { RequestHandler } from './$types';

/**
 * Moves it on by hand { status, body } (scheduled → in_progress → verifying → completed, never
 * back), or changes { name, scheduledFor, scheduledUntil, components }, on the version of
 * `If-Match` (or `version`) when given.
 */
export const PATCH: RequestHandler = writeEndpoint((context, body, { params }) =>
	updateMaintenance(context, params.id, params.maintenanceId, body)
);

/** Withdraws a maintenance announced by mistake: it leaves the page and its feeds. */
export const DELETE: RequestHandler = writeEndpoint(
	(context, _, { params }) => cancelMaintenance(context, params.id, params.maintenanceId),
	{ optionalBody: true }
);
