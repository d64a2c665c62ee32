import { getLocale } from '$lib/paraglide/runtime';
import { historyFeed } from '$lib/server/status/feeds';
import { requirePublicStatus, publicResponse } from '$lib/server/status/responses';
import type { RequestHandler } from './$types';

/** The page's history as RSS 2.0: one item per public update. */
export const GET: RequestHandler = async ({ params, url }) => {
	const status = await requirePublicStatus(params.slug);
	const feed = historyFeed(status, url.origin, getLocale());
	return publicResponse(feed.rss2(), 'application/rss+xml; charset=utf-8', { localized: true });
};
