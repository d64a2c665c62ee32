import { writeEndpoint } from '$lib/server/http';
import { saveSection } from '$lib/server/postmortems/commands';
import type { RequestHandler } from './$types';

/**
 * Saves one section: { key, body, baseVersion } (the section version the text was typed
 * over; a save by someone else meanwhile is merged or refused as in the editor).
 */
export const POST: RequestHandler = writeEndpoint((context, body, { params }) =>
	saveSection(context, params.id, body)
);
