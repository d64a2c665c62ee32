import { endpoint, writeOf, written } from '$lib/server/http';
import { saveSection } from '$lib/server/postmortems/commands';
import type { RequestHandler } from './$types';

/**
 * Saves one section: { key, body, baseVersion } (the section version the text was typed
 * over; a save by someone else meanwhile is merged or refused as in the editor).
 */
export const POST: RequestHandler = endpoint(async (event) => {
	const { context, body } = await writeOf(event);
	const { result, replayed } = await saveSection(context, event.params.id, body);
	return written(result, replayed);
});
