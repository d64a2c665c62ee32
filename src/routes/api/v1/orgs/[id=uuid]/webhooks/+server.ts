import { writeEndpoint } from '$lib/server/http';
import { listEndpoint } from '$lib/server/list-endpoint';
import { createEndpoint, listEndpoints } from '$lib/server/webhooks/endpoints';
import type { RequestHandler } from './$types';

/** The organization's webhook endpoints with their delivery counts (never their secrets). */
export const GET: RequestHandler = listEndpoint(
	(reader, { params }) => listEndpoints(reader, params.id),
	(e) => [e.name, e.id]
);

/** Registers an endpoint: { name, url, flavour, groups }; its whsec_ secret is in the answer, once. */
export const POST: RequestHandler = writeEndpoint(async (context, body, { params }) => {
	const { replayed, ...result } = await createEndpoint(context, params.id, body);
	return { result, replayed };
});
