import { json } from '@sveltejs/kit';
import { apiActor, jsonFailure } from '$lib/server/http';
import { readFiguresForApi } from '$lib/server/postmortems/figures-api';
import type { RequestHandler } from './$types';

/** The incident's figures, each in seconds with the events it used, or why it is missing. */
export const GET: RequestHandler = async (event) => {
	try {
		const actor = apiActor(event);
		return json({ figures: await readFiguresForApi(actor, event.params.id) });
	} catch (error) {
		return jsonFailure(error);
	}
};
