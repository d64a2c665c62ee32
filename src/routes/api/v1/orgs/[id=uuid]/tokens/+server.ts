import { createApiToken, listApiTokens } from '$lib/server/access/api-tokens';
import { writeEndpoint } from '$lib/server/http';
import { listEndpoint } from '$lib/server/list-endpoint';
import type { RequestHandler } from './$types';

/** The organization's API tokens (never their secrets): ?limit=, ?cursor=. */
export const GET: RequestHandler = listEndpoint(
	(reader, { params }) => listApiTokens(reader, params.id),
	(t) => [t.name, t.id]
);

/** Creates a token: { name, role } (at most the creator's role); its secret is shown once. */
export const POST: RequestHandler = writeEndpoint(async (context, body, { params }) => {
	const created = await createApiToken(context, params.id, body);
	// Only its hash is kept: a replay has no secret to show.
	return { result: created, replayed: created.token === null };
});
