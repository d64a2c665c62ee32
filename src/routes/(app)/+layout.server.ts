import { redirect } from '@sveltejs/kit';
import { listOrganizationsOfUser } from '$lib/server/organizations/queries';
import { clockOf, CLOCK_COOKIE } from '$lib/format/zone';
import { themeOf, THEME_COOKIE } from '$lib/theme';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, url, cookies }) => {
	if (!locals.user) redirect(303, `/signin?next=${encodeURIComponent(url.pathname + url.search)}`);
	return {
		organizations: await listOrganizationsOfUser(locals.user.id),
		theme: themeOf(cookies.get(THEME_COOKIE)),
		clock: clockOf(cookies.get(CLOCK_COOKIE))
	};
};
