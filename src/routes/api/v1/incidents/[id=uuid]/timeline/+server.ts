import { json } from '@sveltejs/kit';
import { AppError } from '$lib/server/errors';
import { jsonFailure } from '$lib/server/http';
import { readTimelineFor, timelineRequestOf } from '$lib/server/timeline/paging';
import type { RequestHandler } from './$types';

/** The timeline newest first, a page at a time (`?group=&actor=&limit=&cursor=`). */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	try {
		if (!locals.user) throw new AppError('unauthenticated', 'Sign in to read this timeline.');
		const request = timelineRequestOf(url.searchParams);
		return json(await readTimelineFor({ userId: locals.user.id }, params.id, request));
	} catch (error) {
		return jsonFailure(error);
	}
};
