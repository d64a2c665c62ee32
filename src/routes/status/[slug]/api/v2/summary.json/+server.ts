import { requirePublicStatus, publicResponse } from '$lib/server/status/responses';
import { statuspageSummary } from '$lib/server/status/statuspage';
import type { RequestHandler } from './$types';

/** Statuspage's summary: the page, its components, unresolved incidents, maintenances, status. */
export const GET: RequestHandler = async ({ params, url }) => {
	const status = await requirePublicStatus(params.slug);
	return publicResponse(JSON.stringify(statuspageSummary(status, url.origin)), 'application/json');
};
