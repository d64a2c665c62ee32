import { createApiToken, listApiTokens } from '$lib/server/access/api-tokens';
import { endpoint, writeOf, written } from '$lib/server/http';
import { listEndpoint } from '$lib/server/list-endpoint';
import type { RequestHandler } from './$types';

/** The organization's API tokens (never their secrets): ?limit=, ?cursor=. */
export const GET: RequestHandler = listEndpoint(
	(reader, { params }) => listApiTokens(reader, params.id),
	(t) => [t.name, t.id]
);

/** Creates a token: { name, role } (at most the creator's role); its secret is shown once. */
export const POST: RequestHandler = endpoint(async (event) => {
	const { context, body } = await writeOf(event);
	const created = await createApiToken(context, event.params.id, body);
	return written(created, created.token === null);
});
