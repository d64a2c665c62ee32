import { endpoint, writeOf, written } from '$lib/server/http';
import { rotateSecret } from '$lib/server/webhooks/endpoints';
import type { RequestHandler } from './$types';

/** A new whsec_ secret, in the answer once; the previous one keeps signing for a day. */
export const POST: RequestHandler = endpoint(async (event) => {
	const { context } = await writeOf(event, { optionalBody: true });
	const { result, replayed, secret } = await rotateSecret(
		context,
		event.params.id,
		event.params.endpointId
	);
	return written({ ...result, secret }, replayed);
});
