import { error } from '@sveltejs/kit';
import { listAudit, listAuditActors } from '$lib/server/audit/queries';
import { isAppError } from '$lib/server/errors';
import { findOrganization } from '$lib/server/organizations/queries';
import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/access/require-user';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireUser(locals);
	const filters = Object.fromEntries(url.searchParams);
	try {
		const entries = await listAudit({ userId: locals.user.id }, params.id, filters, {
			timeZone: locals.user.timezone
		});
		const [organization, actors] = await Promise.all([
			findOrganization(params.id),
			listAuditActors(params.id)
		]);
		if (!organization) error(404, m.err_org_not_found());
		return { organization, entries, actors, filters, query: url.searchParams.toString() };
	} catch (e) {
		if (isAppError(e)) error(e.status, e.message);
		throw e;
	}
};
