import { getLocale } from '$lib/paraglide/runtime';
import { historyFeed } from '$lib/server/status/feeds';
import { requirePublicStatus, publicResponse } from '$lib/server/status/responses';
import type { RequestHandler } from './$types';

/** The page's history as Atom 1.0: one entry per public update. */
export const GET: RequestHandler = async ({ params, url }) => {
	const status = await requirePublicStatus(params.slug);
	const feed = historyFeed(status, url.origin, getLocale());
	return publicResponse(feed.atom1(), 'application/atom+xml; charset=utf-8', { localized: true });
};
