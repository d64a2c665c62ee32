import { answer, endpoint, writeEndpoint, writeOf } from '$lib/server/http';
import { attachServers, detachServers } from '$lib/server/inventory/incident-servers';
import type { RequestHandler } from './$types';

/** Attaches servers to the incident: { itemId } or { tag } or { dependentsOf }. */
export const POST: RequestHandler = writeEndpoint((context, body, { params }) =>
	attachServers(context, params.id, body)
);

/** Detaches servers from the incident: { itemId } or { tag }, and a reason. */
export const DELETE: RequestHandler = endpoint(async (event) => {
	const { context, body } = await writeOf(event);
	const { result, replayed } = await detachServers(context, event.params.id, body);
	return answer({ ...result, replayed });
});
