import { json } from '@sveltejs/kit';
import { AppError } from '$lib/server/errors';
import { jsonFailure } from '$lib/server/http';
import { actOnStep } from '$lib/server/runbooks/steps';
import type { RequestHandler } from './$types';

/**
 * One step action: { action, version, reason?, assigneeId?, note?, clientMutationId? }.
 * The browser's offline queue replays these; a retry with the same clientMutationId is
 * answered with the first result, and a step that moved on meanwhile is refused (409).
 */
export const POST: RequestHandler = async ({ locals, params, request, getClientAddress }) => {
	try {
		if (!locals.user) throw new AppError('unauthenticated', 'Sign in to work this runbook.');
		const input = await request.json().catch(() => {
			throw new AppError('invalid', 'Send the step action as JSON.');
		});
		const actor = {
			userId: locals.user.id,
			name: locals.user.displayName,
			address: getClientAddress()
		};
		const { result, replayed } = await actOnStep({ actor }, params.id, params.stepId, input);
		return json({ ...result, replayed });
	} catch (error) {
		return jsonFailure(error);
	}
};
