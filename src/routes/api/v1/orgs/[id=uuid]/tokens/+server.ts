import { json } from '@sveltejs/kit';
import { createApiToken, listApiTokens } from '$lib/server/access/api-tokens';
import { endpoint, readerOf, writeOf, written } from '$lib/server/http';
import { pageOfList } from '$lib/server/pagination';
import type { RequestHandler } from './$types';

/** The organization's API tokens (never their secrets): ?limit=, ?cursor=. */
export const GET: RequestHandler = endpoint(async (event) => {
	const tokens = await listApiTokens(readerOf(event), event.params.id);
	const query = Object.fromEntries(event.url.searchParams);
	return json(pageOfList(tokens, query, (t) => [t.name, t.id]));
});

/** Creates a token: { name, role } (at most the creator's role); its secret is shown once. */
export const POST: RequestHandler = endpoint(async (event) => {
	const { context, body } = await writeOf(event);
	const created = await createApiToken(context, event.params.id, body);
	return written(created, created.token === null);
});
