import { writeEndpoint } from '$lib/server/http';
import { pinEvent } from '$lib/server/timeline/commands';
import type { RequestHandler } from './$types';

/** Pins a timeline event as a key event, or unpins it: { seq, pinned }. */
export const POST: RequestHandler = writeEndpoint((context, body, { params }) =>
	pinEvent(context, params.id, body)
);
