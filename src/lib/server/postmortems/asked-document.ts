import { error } from '@sveltejs/kit';
import type { PostmortemDocument } from '$lib/postmortems/document';
import { getLocale } from '$lib/paraglide/runtime';
import { requireUser } from '../access/require-user';
import { isAppError } from '../errors';
import { askedVersion, readPostmortemDocument } from './page';

/**
 * The post-mortem document the print page and the downloads (Markdown, chart) render: the
 * version the query asks for, else the one the page shows, read for the signed-in person in
 * their zone and language. A refusal answers with its HTTP status.
 */
export async function loadAskedDocument(
	locals: App.Locals,
	url: URL,
	incidentId: string
): Promise<PostmortemDocument> {
	requireUser(locals);
	try {
		return await readPostmortemDocument({ userId: locals.user.id }, incidentId, {
			timezone: locals.user.timezone,
			locale: getLocale(),
			version: askedVersion(url)
		});
	} catch (e) {
		if (isAppError(e)) error(e.status, e.message);
		throw e;
	}
}
