import { json } from '@sveltejs/kit';
import { endpoint, writeOf } from '$lib/server/http';
import { actOnStep } from '$lib/server/runbooks/steps';
import type { RequestHandler } from './$types';

/**
 * One step action: { action, version, reason?, assigneeId?, note?, occurredAt?, clientMutationId? }
 * (occurredAt: when a start or finish really happened, kept with the reason)
 * (the version may come as If-Match). The browser's offline queue replays these; a retry
 * with the same clientMutationId is answered with the first result, and a step that moved on
 * meanwhile is refused (409).
 */
export const POST: RequestHandler = endpoint(async (event) => {
	const { context, body } = await writeOf(event);
	const { params } = event;
	const { result, replayed } = await actOnStep(context, params.id, params.stepId, body);
	return json({ ...result, replayed });
});
