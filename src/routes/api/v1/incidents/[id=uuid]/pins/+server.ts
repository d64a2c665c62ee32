import { endpoint, writeOf, written } from '$lib/server/http';
import { pinEvent } from '$lib/server/timeline/commands';
import type { RequestHandler } from './$types';

/** Pins a timeline event as a key event, or unpins it: { seq, pinned }. */
export const POST: RequestHandler = endpoint(async (event) => {
	const { context, body } = await writeOf(event);
	const { result, replayed } = await pinEvent(context, event.params.id, body);
	return written(result, replayed);
});
