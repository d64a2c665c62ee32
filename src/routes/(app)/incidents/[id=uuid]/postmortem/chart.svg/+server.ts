import { error } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import { exportName } from '$lib/postmortems/markdown';
import { isAppError } from '$lib/server/errors';
import { chartSvgFile } from '$lib/server/postmortems/chart-svg';
import { askedVersion, readPostmortemDocument } from '$lib/server/postmortems/page';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/access/require-user';

/** The post-mortem's timeline chart as an SVG file: the Markdown export's picture. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	requireUser(locals);
	try {
		const document = await readPostmortemDocument({ userId: locals.user.id }, params.id, {
			timezone: locals.user.timezone,
			locale: getLocale(),
			version: askedVersion(url)
		});
		return new Response(chartSvgFile(document.chart), {
			headers: {
				'content-type': 'image/svg+xml; charset=utf-8',
				'content-disposition': `inline; filename="${exportName(document, 'svg')}"`,
				// A picture: no script, its inline styles only, even when opened on its own.
				'content-security-policy':
					"default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'"
			}
		});
	} catch (e) {
		if (isAppError(e)) error(e.status, e.message);
		throw e;
	}
};
