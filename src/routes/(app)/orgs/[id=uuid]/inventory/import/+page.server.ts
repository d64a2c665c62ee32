import { authorize } from '$lib/server/access/authorize';
import { formFailure } from '$lib/server/http';
import { importItems } from '$lib/server/inventory/import';
import { findOrganization } from '$lib/server/organizations/queries';
import { actorOf, loadFailure } from '../form-actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = actorOf(event);
	try {
		await authorize(actor, event.params.id, 'inventory.edit');
		const organization = await findOrganization(event.params.id);
		if (!organization) return loadFailure(new Error('organization vanished'));
		return { organization };
	} catch (e) {
		return loadFailure(e);
	}
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const file = form.get('file');
		const pasted = String(form.get('text') ?? '');
		// A chosen file wins over the text area; the pasted text comes back on error either way.
		const text = file instanceof File && file.size > 0 ? await file.text() : pasted;
		try {
			const { result } = await importItems({ actor: actorOf(event) }, event.params.id, { text });
			return { ok: true as const, ...result };
		} catch (e) {
			return formFailure(e, { text: pasted, action: 'import' });
		}
	}
};
