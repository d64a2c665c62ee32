import { createApiToken, listApiTokens, revokeApiToken } from '$lib/server/access/api-tokens';
import { runFormAction, runFormMutation } from '$lib/server/form-action';
import { organizationPage } from '$lib/server/page-load';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	organizationPage(event, async (reader, organizationId) => ({
		tokens: await listApiTokens(reader, organizationId)
	}));

export const actions: Actions = {
	create: (event) =>
		runFormMutation(event, 'create', async (context, values) => {
			const created = await createApiToken(context, event.params.id, values);
			// Shown once: only its hash is kept.
			return { token: created.token, name: created.name };
		}),
	revoke: (event) =>
		runFormAction(event, 'revoke', async (actor, values) => {
			await revokeApiToken({ actor }, event.params.id, values);
		})
};
