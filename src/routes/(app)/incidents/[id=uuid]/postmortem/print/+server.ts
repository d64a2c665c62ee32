import { error, redirect } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import { toPrintHtml } from '$lib/postmortems/print';
import { isAppError } from '$lib/server/errors';
import { readPostmortemDocument } from '$lib/server/postmortems/page';
import type { RequestHandler } from './$types';

/** The post-mortem as one self-contained HTML document laid out for print (or PDF). */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	if (!locals.user) redirect(303, '/signin');
	const version = Number(url.searchParams.get('version'));
	try {
		const document = await readPostmortemDocument({ userId: locals.user.id }, params.id, {
			timezone: locals.user.timezone,
			locale: getLocale(),
			version: Number.isInteger(version) && version > 0 ? version : null
		});
		return new Response(toPrintHtml(document, `/incidents/${params.id}/postmortem`), {
			headers: {
				'content-type': 'text/html; charset=utf-8',
				// A document, not an app: no script at all, its own styles, the chart inline.
				'content-security-policy':
					"default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
			}
		});
	} catch (e) {
		if (isAppError(e)) error(e.status, e.message);
		throw e;
	}
};
