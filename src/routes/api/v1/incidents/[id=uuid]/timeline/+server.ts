import { json } from '@sveltejs/kit';
import { jsonFailure } from '$lib/server/http';
import { readTimelineFor, timelineRequestOf } from '$lib/server/timeline/paging';
import type { RequestHandler } from './$types';
import { requireApiUser } from '$lib/server/access/require-user';

/** The timeline newest first, a page at a time (`?group=&actor=&limit=&cursor=`). */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	try {
		requireApiUser(locals);
		const request = timelineRequestOf(url.searchParams);
		return json(await readTimelineFor({ userId: locals.user.id }, params.id, request));
	} catch (error) {
		return jsonFailure(error);
	}
};
