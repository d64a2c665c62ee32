import { error } from '@sveltejs/kit';
import type { PublicStatus } from '$lib/status/public';
import { publicStatus } from './queries';
import { PUBLIC_CACHE } from './statuspage';
import { m } from '$lib/paraglide/messages';

/** The enabled page of this slug, or a plain 404 (unknown and not public look the same). */
export async function requirePublicStatus(slug: string): Promise<PublicStatus> {
	const status = await publicStatus(slug);
	if (!status) error(404, m.err_status_page_not_found());
	return status;
}

/** A public, briefly cacheable answer; localized ones vary with the reader's language. */
export function publicResponse(
	body: string,
	contentType: string,
	options: { localized?: boolean } = {}
): Response {
	const headers: Record<string, string> = {
		'content-type': contentType,
		'cache-control': PUBLIC_CACHE,
		'access-control-allow-origin': '*'
	};
	if (options.localized) headers.vary = 'Accept-Language, Cookie';
	return new Response(body, { headers });
}
