import { endpoint, writeOf, written } from '$lib/server/http';
import { movePostmortem } from '$lib/server/postmortems/commands';
import type { RequestHandler } from './$types';

/** Moves the post-mortem to draft, in review or published: { to }, with If-Match (or `version`). */
export const POST: RequestHandler = endpoint(async (event) => {
	const { context, body } = await writeOf(event);
	const { result, replayed } = await movePostmortem(context, event.params.id, body);
	return written(result, replayed);
});
