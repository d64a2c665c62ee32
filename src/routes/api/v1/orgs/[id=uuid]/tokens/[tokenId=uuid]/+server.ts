import { revokeApiToken } from '$lib/server/access/api-tokens';
import { endpoint, writeOf, written } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Revokes a token: it is refused from its next request. */
export const DELETE: RequestHandler = endpoint(async (event) => {
	const { context } = await writeOf(event, { optionalBody: true });
	const input = { tokenId: event.params.tokenId };
	const { result, replayed } = await revokeApiToken(context, event.params.id, input);
	return written(result, replayed);
});
