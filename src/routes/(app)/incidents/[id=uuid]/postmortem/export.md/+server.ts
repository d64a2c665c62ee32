import { error } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import { exportName, toMarkdown } from '$lib/postmortems/markdown';
import { isAppError } from '$lib/server/errors';
import { askedVersion, readPostmortemDocument } from '$lib/server/postmortems/page';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/access/require-user';

/** The post-mortem as a Markdown file to paste into a wiki. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	requireUser(locals);
	try {
		const document = await readPostmortemDocument({ userId: locals.user.id }, params.id, {
			timezone: locals.user.timezone,
			locale: getLocale(),
			version: askedVersion(url)
		});
		return new Response(toMarkdown(document), {
			headers: {
				'content-type': 'text/markdown; charset=utf-8',
				'content-disposition': `attachment; filename="${exportName(document, 'md')}"`
			}
		});
	} catch (e) {
		if (isAppError(e)) error(e.status, e.message);
		throw e;
	}
};
