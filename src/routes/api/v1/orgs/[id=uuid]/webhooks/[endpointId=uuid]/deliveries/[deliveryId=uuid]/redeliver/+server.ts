import { writeEndpoint } from '$lib/server/http';
import { redeliver } from '$lib/server/webhooks/endpoints';
import type { RequestHandler } from './$types';

/** Sends one delivery of the log again, under the same message id (receivers dedupe on it). */
export const POST: RequestHandler = writeEndpoint(
	(context, _, { params }) => redeliver(context, params.id, params.endpointId, params.deliveryId),
	{ optionalBody: true }
);
