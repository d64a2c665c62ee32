import { apiCommand, jsonFailure, readJsonObject, written } from '$lib/server/http';
import { setMilestone } from '$lib/server/milestones/commands';
import type { RequestHandler } from './$types';

/** Sets (or, with a reason, corrects) a milestone: { milestone, occurredAt, reason? }. */
export const POST: RequestHandler = async (event) => {
	try {
		const body = await readJsonObject(event.request);
		const { result, replayed } = await setMilestone(apiCommand(event, body), event.params.id, body);
		return written(result, replayed);
	} catch (error) {
		return jsonFailure(error);
	}
};
