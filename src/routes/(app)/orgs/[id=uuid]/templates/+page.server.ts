import { error } from '@sveltejs/kit';
import { may } from '$lib/server/access/authorize';
import { isAppError } from '$lib/server/errors';
import { findOrganization } from '$lib/server/organizations/queries';
import { listTemplates } from '$lib/server/runbooks/template-queries';
import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/access/require-user';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = async ({ locals, params }) => {
	requireUser(locals);
	const actor = { userId: locals.user.id };
	try {
		const templates = await listTemplates(actor, params.id);
		const [organization, canEdit] = await Promise.all([
			findOrganization(params.id),
			may(actor, params.id, 'template.edit')
		]);
		if (!organization) error(404, m.err_org_not_found());
		return { organization, templates, canEdit };
	} catch (e) {
		if (isAppError(e)) error(e.status, e.message);
		throw e;
	}
};
