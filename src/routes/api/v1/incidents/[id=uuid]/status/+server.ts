import { apiCommand, jsonFailure, readJsonObject, withVersion, written } from '$lib/server/http';
import { changeIncidentStatus } from '$lib/server/incidents/commands';
import type { RequestHandler } from './$types';

/** Changes the incident's status: { status, occurredAt?, reason?, version?, clientMutationId? }. */
export const POST: RequestHandler = async (event) => {
	try {
		const body = withVersion(event.request, await readJsonObject(event.request));
		const { result, replayed } = await changeIncidentStatus(
			apiCommand(event, body),
			event.params.id,
			body
		);
		return written(result, replayed);
	} catch (error) {
		return jsonFailure(error);
	}
};
