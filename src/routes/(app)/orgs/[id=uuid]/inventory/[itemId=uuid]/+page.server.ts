import { error, redirect } from '@sveltejs/kit';
import { formFailure } from '$lib/server/http';
import { deleteItem, updateItem } from '$lib/server/inventory/commands';
import { listProviderChoices } from '$lib/server/inventory/queries';
import { readItemPage } from '$lib/server/inventory/views';
import { findStream } from '$lib/server/events/queries';
import { formObject } from '$lib/server/validation';
import { actorOf, loadFailure, statusAction } from '../form-actions';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = async (event) => {
	const actor = actorOf(event);
	try {
		const page = await readItemPage(actor, event.params.itemId);
		// The item is reached through its own organization's address only.
		if (page.item.organizationId !== event.params.id) error(404, m.err_item_not_in_inventory());
		const [providers, stream] = await Promise.all([
			page.canEdit ? listProviderChoices(actor.userId, event.params.id) : [],
			findStream(event.params.id)
		]);
		return { ...page, providers, organizationId: event.params.id, lastSeq: stream?.lastSeq ?? 0 };
	} catch (e) {
		return loadFailure(e);
	}
};

export const actions: Actions = {
	update: async (event) => {
		const values = formObject(await event.request.formData());
		try {
			const context = { actor: actorOf(event), clientMutationId: values.clientMutationId || null };
			await updateItem(context, event.params.itemId, values);
			return { action: 'update', ok: true as const };
		} catch (e) {
			return formFailure(e, { ...values, action: 'update' });
		}
	},
	status: statusAction,
	delete: async (event) => {
		const values = formObject(await event.request.formData());
		try {
			await deleteItem({ actor: actorOf(event) }, event.params.itemId, values);
		} catch (e) {
			return formFailure(e, { ...values, action: 'delete' });
		}
		redirect(303, `/orgs/${event.params.id}/inventory`);
	}
};
