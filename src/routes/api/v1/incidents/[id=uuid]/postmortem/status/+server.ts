import { writeEndpoint } from '$lib/server/http';
import { movePostmortem } from '$lib/server/postmortems/commands';
import type { RequestHandler } from './$types';

/** Moves the post-mortem to draft, in review or published: { to }, with If-Match (or `version`). */
export const POST: RequestHandler = writeEndpoint((context, body, { params }) =>
	movePostmortem(context, params.id, body)
);
