import { error } from '@sveltejs/kit';
import {
	createIntegration,
	listIntegrations,
	revokeIntegration,
	updateIntegrationRules
} from '$lib/server/alerts/integrations';
import { isAppError } from '$lib/server/errors';
import { runFormAction } from '$lib/server/form-action';
import { findOrganization } from '$lib/server/organizations/queries';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/access/require-user';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = async ({ locals, params }) => {
	requireUser(locals);
	try {
		const integrations = await listIntegrations({ userId: locals.user.id }, params.id);
		const organization = await findOrganization(params.id);
		if (!organization) error(404, m.err_org_not_found());
		return { organization, integrations };
	} catch (e) {
		if (isAppError(e)) error(e.status, e.message);
		throw e;
	}
};

export const actions: Actions = {
	create: (event) =>
		runFormAction(event, 'create', async (actor, values) => {
			const created = await createIntegration(
				{ actor, clientMutationId: values.clientMutationId || null },
				event.params.id,
				values
			);
			// Shown once: only their hashes are kept.
			const url = created.path ? `${event.url.origin}${created.path}` : null;
			return { name: created.name, kind: created.kind, url, bearer: created.bearer };
		}),
	rules: (event) =>
		runFormAction(event, 'rules', async (actor, values) => {
			await updateIntegrationRules({ actor }, event.params.id, values.integrationId ?? '', values);
		}),
	revoke: (event) =>
		runFormAction(event, 'revoke', async (actor, values) => {
			await revokeIntegration({ actor }, event.params.id, values);
		})
};
