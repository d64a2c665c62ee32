import { error } from '@sveltejs/kit';
import { runFormMutation, runFormRedirect } from '$lib/server/form-action';
import { deleteItem, updateItem } from '$lib/server/inventory/commands';
import { listProviderChoices } from '$lib/server/inventory/queries';
import { readItemPage } from '$lib/server/inventory/views';
import { findStream } from '$lib/server/events/queries';
import { signedInPage } from '$lib/server/page-load';
import { statusAction } from '../form-actions';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = (event) =>
	signedInPage(event, async (reader) => {
		const page = await readItemPage(reader, event.params.itemId);
		// The item is reached through its own organization's address only.
		if (page.item.organizationId !== event.params.id) error(404, m.err_item_not_in_inventory());
		const [providers, stream] = await Promise.all([
			page.canEdit ? listProviderChoices(reader.userId, event.params.id) : [],
			findStream(event.params.id)
		]);
		return { ...page, providers, organizationId: event.params.id, lastSeq: stream?.lastSeq ?? 0 };
	});

export const actions: Actions = {
	update: (event) =>
		runFormMutation(event, 'update', async (context, values) => {
			await updateItem(context, event.params.itemId, values);
		}),
	status: statusAction,
	delete: (event) =>
		runFormRedirect(
			event,
			async (actor, values) => {
				await deleteItem({ actor }, event.params.itemId, values);
				return `/orgs/${event.params.id}/inventory`;
			},
			{ action: 'delete' }
		)
};
