import { json } from '@sveltejs/kit';
import { listAlertGroups } from '$lib/server/alerts/queries';
import { apiActor, jsonFailure } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** The organization's alert groups with their members and states: ?status=, ?limit=, ?cursor=. */
export const GET: RequestHandler = async (event) => {
	try {
		const page = await listAlertGroups(
			apiActor(event),
			event.params.id,
			Object.fromEntries(event.url.searchParams)
		);
		return json(page);
	} catch (error) {
		return jsonFailure(error);
	}
};
