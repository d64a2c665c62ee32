import { writeEndpoint } from '$lib/server/http';
import { addNote } from '$lib/server/timeline/commands';
import type { RequestHandler } from './$types';

/**
 * A note or decision in the timeline: { text, kind?, occurredAt?, backdateReason?,
 * clientMutationId? }. The offline queue replays these; a retry is applied once.
 */
export const POST: RequestHandler = writeEndpoint((context, body, { params }) =>
	addNote(context, params.id, body)
);
