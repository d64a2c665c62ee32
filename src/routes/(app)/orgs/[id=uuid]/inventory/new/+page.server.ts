import { authorize } from '$lib/server/access/authorize';
import { runFormRedirect } from '$lib/server/form-action';
import { createItem } from '$lib/server/inventory/commands';
import { listProviderChoices } from '$lib/server/inventory/queries';
import { organizationPage } from '$lib/server/page-load';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	organizationPage(event, async (reader, organizationId) => {
		await authorize(reader, organizationId, 'inventory.edit');
		return { providers: await listProviderChoices(reader.userId, organizationId) };
	});

export const actions: Actions = {
	default: (event) =>
		runFormRedirect(event, async (actor, values) => {
			const context = { actor, clientMutationId: values.clientMutationId || null };
			const { result } = await createItem(context, event.params.id, values);
			return `/orgs/${event.params.id}/inventory/${result.itemId}`;
		})
};
