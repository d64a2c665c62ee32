import { json } from '@sveltejs/kit';
import { startDrill } from '$lib/server/drills/commands';
import { endpoint, writeOf } from '$lib/server/http';
import type { RequestHandler } from './$types';

/**
 * Starts a drill of the template: { title?, severity?, invite?: [organizationId], timezone? },
 * an incident in drill mode with its runbook running.
 */
export const POST: RequestHandler = endpoint(async (event) => {
	const { context, body } = await writeOf(event);
	const input = { timezone: context.actor.timezone, ...body };
	const { id, templateId } = event.params;
	const started = await startDrill(context, id, templateId, input);
	return json(started, { status: 201 });
});
