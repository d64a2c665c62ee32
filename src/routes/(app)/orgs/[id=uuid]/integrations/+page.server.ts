import {
	createIntegration,
	listIntegrations,
	revokeIntegration,
	updateIntegrationRules
} from '$lib/server/alerts/integrations';
import { runFormAction, runFormMutation } from '$lib/server/form-action';
import { organizationPage } from '$lib/server/page-load';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	organizationPage(event, async (reader, organizationId) => ({
		integrations: await listIntegrations(reader, organizationId)
	}));

export const actions: Actions = {
	create: (event) =>
		runFormMutation(event, 'create', async (context, values) => {
			const created = await createIntegration(context, event.params.id, values);
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
