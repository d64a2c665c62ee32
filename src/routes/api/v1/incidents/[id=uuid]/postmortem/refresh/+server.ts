import { answer, endpoint, readerOf, writeEndpoint } from '$lib/server/http';
import { previewRefresh, refreshPostmortem } from '$lib/server/postmortems/commands';
import type { RequestHandler } from './$types';

/** What "refresh from the timeline" would change now (nothing is written). */
export const GET: RequestHandler = endpoint(async (event) =>
	answer(await previewRefresh(readerOf(event), event.params.id))
);

/** Refreshes the generated parts from the timeline; what people wrote stays as written. */
export const POST: RequestHandler = writeEndpoint(
	(context, _, { params }) => refreshPostmortem(context, params.id),
	{ optionalBody: true }
);
