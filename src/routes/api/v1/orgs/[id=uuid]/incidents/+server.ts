import { apiCommand, jsonFailure, readJsonObject, written } from '$lib/server/http';
import { declareIncident } from '$lib/server/incidents/commands';
import type { RequestHandler } from './$types';

/**
 * Declares an incident for the organization: { title, severity, summary?, detectedAt?,
 * declaredAt?, milestones?: { trigger?, acknowledged?, identified?, mitigated?, recovered? },
 * mode?, timezone?, clientMutationId? }. Times are the true ones, for a night written afterwards.
 */
export const POST: RequestHandler = async (event) => {
	try {
		const body = await readJsonObject(event.request);
		const { result, replayed } = await declareIncident(
			apiCommand(event, body),
			event.params.id,
			body
		);
		return written(result, replayed);
	} catch (error) {
		return jsonFailure(error);
	}
};
