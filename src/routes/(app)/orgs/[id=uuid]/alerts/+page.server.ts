import { error } from '@sveltejs/kit';
import { listAlertGroups } from '$lib/server/alerts/queries';
import { isAppError } from '$lib/server/errors';
import { findOrganization } from '$lib/server/organizations/queries';
import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/access/require-user';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireUser(locals);
	try {
		const query = Object.fromEntries(url.searchParams);
		const page = await listAlertGroups({ userId: locals.user.id }, params.id, query);
		const organization = await findOrganization(params.id);
		if (!organization) error(404, m.err_org_not_found());
		return { organization, page, status: query.status ?? null };
	} catch (e) {
		if (isAppError(e)) error(e.status, e.message);
		throw e;
	}
};
