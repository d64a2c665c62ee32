import { json } from '@sveltejs/kit';
import { endpoint, readerOf, writeEndpoint } from '$lib/server/http';
import { readRun, startRun } from '$lib/server/runbooks/runs';
import type { RequestHandler } from './$types';

/** The incident's runbook run with its steps (`run: null` when none was started). */
export const GET: RequestHandler = endpoint(async (event) => {
	return json({ run: await readRun(readerOf(event), event.params.id) });
});

/** Starts the runbook from a template of a taking-part organization: { templateId }. */
export const POST: RequestHandler = writeEndpoint((context, body, { params }) =>
	startRun(context, params.id, body)
);
