import { endpoint, writeOf, written } from '$lib/server/http';
import { addNote } from '$lib/server/timeline/commands';
import type { RequestHandler } from './$types';

/**
 * A note or decision in the timeline: { text, kind?, occurredAt?, backdateReason?,
 * clientMutationId? }. The offline queue replays these; a retry is applied once.
 */
export const POST: RequestHandler = endpoint(async (event) => {
	const { context, body } = await writeOf(event);
	const { result, replayed } = await addNote(context, event.params.id, body);
	return written(result, replayed);
});
