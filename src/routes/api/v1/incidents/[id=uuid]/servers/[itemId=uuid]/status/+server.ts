import { json } from '@sveltejs/kit';
import { AppError } from '$lib/server/errors';
import { endpoint, writeOf } from '$lib/server/http';
import { listOpenIncidentsOf } from '$lib/server/inventory/queries';
import { setItemStatus } from '$lib/server/inventory/status';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';

/**
 * Sets the live status of a server attached to the incident, as the room does (so a partner's
 * responder may): { status, reason?, version?, occurredAt? } (or If-Match); an earlier
 * occurredAt is kept with the reason.
 */
export const POST: RequestHandler = endpoint(async (event) => {
	const { context, body } = await writeOf(event);
	// The address names the incident: a server not attached to it is not found here.
	const incidents = await listOpenIncidentsOf(event.params.itemId);
	if (!incidents.some((i) => i.id === event.params.id)) {
		throw new AppError('not_found', m.err_server_not_attached());
	}
	const { result, replayed } = await setItemStatus(context, event.params.itemId, body);
	return json({ ...result, replayed });
});
