import { redirect } from '@sveltejs/kit';
import { authorize } from '$lib/server/access/authorize';
import { formFailure } from '$lib/server/http';
import { createItem } from '$lib/server/inventory/commands';
import { listProviderChoices } from '$lib/server/inventory/queries';
import { findOrganization } from '$lib/server/organizations/queries';
import { formObject } from '$lib/server/validation';
import { actorOf, loadFailure } from '../form-actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = actorOf(event);
	try {
		await authorize(actor, event.params.id, 'inventory.edit');
		const [organization, providers] = await Promise.all([
			findOrganization(event.params.id),
			listProviderChoices(actor.userId, event.params.id)
		]);
		if (!organization) return loadFailure(new Error('organization vanished'));
		return { organization, providers };
	} catch (e) {
		return loadFailure(e);
	}
};

export const actions: Actions = {
	default: async (event) => {
		const values = formObject(await event.request.formData());
		let itemId: string;
		try {
			const context = { actor: actorOf(event), clientMutationId: values.clientMutationId || null };
			({ itemId } = (await createItem(context, event.params.id, values)).result);
		} catch (e) {
			return formFailure(e, values);
		}
		redirect(303, `/orgs/${event.params.id}/inventory/${itemId}`);
	}
};
