import { json } from '@sveltejs/kit';
import { apiCommand, jsonFailure, readJsonObject, written } from '$lib/server/http';
import { attachServers, detachServers } from '$lib/server/inventory/incident-servers';
import type { RequestHandler } from './$types';

/** Attaches servers to the incident: { itemId } or { tag } or { dependentsOf }. */
export const POST: RequestHandler = async (event) => {
	try {
		const body = await readJsonObject(event.request);
		const { result, replayed } = await attachServers(
			apiCommand(event, body),
			event.params.id,
			body
		);
		return written(result, replayed);
	} catch (error) {
		return jsonFailure(error);
	}
};

/** Detaches servers from the incident: { itemId } or { tag }, and a reason. */
export const DELETE: RequestHandler = async (event) => {
	try {
		const body = await readJsonObject(event.request);
		const { result, replayed } = await detachServers(
			apiCommand(event, body),
			event.params.id,
			body
		);
		return json({ ...result, replayed });
	} catch (error) {
		return jsonFailure(error);
	}
};
