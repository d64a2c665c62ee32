import { error } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import { isAppError } from '$lib/server/errors';
import { askedVersion, readPostmortemDocument } from '$lib/server/postmortems/page';
import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/access/require-user';

// A document, not an app: rendered on the server, no script sent.
export const csr = false;

/** The post-mortem laid out for print (or PDF), the same version the page shows. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireUser(locals);
	try {
		const document = await readPostmortemDocument({ userId: locals.user.id }, params.id, {
			timezone: locals.user.timezone,
			locale: getLocale(),
			version: askedVersion(url)
		});
		return { document, query: url.search };
	} catch (e) {
		if (isAppError(e)) error(e.status, e.message);
		throw e;
	}
};
