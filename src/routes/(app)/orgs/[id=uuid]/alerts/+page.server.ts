import { error } from '@sveltejs/kit';
import { listAlertGroups } from '$lib/server/alerts/queries';
import { isAppError } from '$lib/server/errors';
import { findOrganization } from '$lib/server/organizations/queries';
import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/access/require-user';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireUser(locals);
	try {
		const query = Object.fromEntries(url.searchParams);
		const page = await listAlertGroups({ userId: locals.user.id }, params.id, query);
		const organization = await findOrganization(params.id);
		if (!organization) error(404, 'This organization does not exist.');
		return { organization, page, status: query.status ?? null };
	} catch (e) {
		if (isAppError(e)) error(e.status, e.message);
		throw e;
	}
};
