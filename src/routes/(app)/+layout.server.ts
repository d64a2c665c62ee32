import { listOrganizationsOfUser } from '$lib/server/organizations/queries';
import { clockOf, CLOCK_COOKIE } from '$lib/time/zone';
import { themeOf, THEME_COOKIE } from '$lib/theme/theme';
import type { LayoutServerLoad } from './$types';
import { requireUser } from '$lib/server/access/require-user';

export const load: LayoutServerLoad = async ({ locals, url, cookies }) => {
	requireUser(locals, url);
	return {
		organizations: await listOrganizationsOfUser(locals.user.id),
		theme: themeOf(cookies.get(THEME_COOKIE)),
		clock: clockOf(cookies.get(CLOCK_COOKIE))
	};
};
