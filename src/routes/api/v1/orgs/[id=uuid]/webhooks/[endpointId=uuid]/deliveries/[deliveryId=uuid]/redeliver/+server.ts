import { endpoint, writeOf, written } from '$lib/server/http';
import { redeliver } from '$lib/server/webhooks/endpoints';
import type { RequestHandler } from './$types';

/** Sends one delivery of the log again, under the same message id (receivers dedupe on it). */
export const POST: RequestHandler = endpoint(async (event) => {
	const { context } = await writeOf(event, { optionalBody: true });
	const { result, replayed } = await redeliver(
		context,
		event.params.id,
		event.params.endpointId,
		event.params.deliveryId
	);
	return written(result, replayed);
});
