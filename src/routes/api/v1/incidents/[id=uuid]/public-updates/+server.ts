import { writeEndpoint } from '$lib/server/http';
import { postPublicUpdate } from '$lib/server/status/commands';
import type { RequestHandler } from './$types';

/**
 * Publishes an update on the declaring organization's status page: { name?, phase, impact?,
 * body, components?: [{ componentId, state }] }. Nothing of the timeline is sent.
 */
export const POST: RequestHandler = writeEndpoint((context, body, { params }) =>
	postPublicUpdate(context, params.id, body)
);
