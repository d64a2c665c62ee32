import { error } from '@sveltejs/kit';
import { isAppError } from '$lib/server/errors';
import { runFormAction } from '$lib/server/form-action';
import { findOrganization } from '$lib/server/organizations/queries';
import { saveStatusPage } from '$lib/server/status/commands';
import { componentCandidates, readStatusPageSettings } from '$lib/server/status/queries';
import { statusPageFromForm } from '$lib/server/status/schemas';
import { subscriptionsOffered } from '$lib/server/status/subscribers';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/access/require-user';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = async ({ locals, params }) => {
	requireUser(locals);
	try {
		const page = await readStatusPageSettings({ userId: locals.user.id }, params.id);
		const organization = await findOrganization(params.id);
		if (!organization) error(404, m.err_org_not_found());
		const items = await componentCandidates(params.id);
		return { organization, page, items, mail: subscriptionsOffered() };
	} catch (e) {
		if (isAppError(e)) error(e.status, e.message);
		throw e;
	}
};

export const actions: Actions = {
	save: (event) =>
		runFormAction(event, 'save', async (actor, values) => {
			await saveStatusPage(
				{ actor, clientMutationId: values.clientMutationId || null },
				event.params.id,
				statusPageFromForm(values)
			);
		})
};
