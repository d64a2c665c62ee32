import { endpoint, writeOf, written } from '$lib/server/http';
import { cancelMaintenance, updateMaintenance } from '$lib/server/status/maintenances';
import type { RequestHandler } from './$types';

/**
 * Moves it on by hand { status, body } (scheduled → in_progress → verifying → completed, never
 * back), or changes { name, scheduledFor, scheduledUntil, components }, on the version of
 * `If-Match` (or `version`) when given.
 */
export const PATCH: RequestHandler = endpoint(async (event) => {
	const { context, body } = await writeOf(event);
	const { result, replayed } = await updateMaintenance(
		context,
		event.params.id,
		event.params.maintenanceId,
		body
	);
	return written(result, replayed);
});

/** Withdraws a maintenance announced by mistake: it leaves the page and its feeds. */
export const DELETE: RequestHandler = endpoint(async (event) => {
	const { context } = await writeOf(event, { optionalBody: true });
	const { result, replayed } = await cancelMaintenance(
		context,
		event.params.id,
		event.params.maintenanceId
	);
	return written(result, replayed);
});
