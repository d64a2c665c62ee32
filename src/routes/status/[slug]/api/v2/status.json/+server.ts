import { requirePublicStatus, publicResponse } from '$lib/server/status/responses';
import { statuspageStatus } from '$lib/server/status/statuspage';
import type { RequestHandler } from './$types';

/** Statuspage's status: the page and its overall indicator. */
export const GET: RequestHandler = async ({ params, url }) => {
	const status = await requirePublicStatus(params.slug);
	return publicResponse(JSON.stringify(statuspageStatus(status, url.origin)), 'application/json');
};
