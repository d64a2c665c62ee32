import { error } from '@sveltejs/kit';
import { authorize, may } from '$lib/server/access/authorize';
import { createContact, deleteContact, updateContact } from '$lib/server/contacts/commands';
import { listContacts } from '$lib/server/contacts/queries';
import { isAppError } from '$lib/server/errors';
import { runFormCommand } from '$lib/server/form-action';
import { findOrganization } from '$lib/server/organizations/queries';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/access/require-user';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = async ({ locals, params }) => {
	requireUser(locals);
	try {
		await authorize({ userId: locals.user.id }, params.id, 'contacts.view');
	} catch (e) {
		if (isAppError(e)) error(e.status, e.message);
		throw e;
	}
	const [organization, contacts, canEdit] = await Promise.all([
		findOrganization(params.id),
		listContacts(params.id),
		may({ userId: locals.user.id }, params.id, 'contacts.edit')
	]);
	if (!organization) error(404, m.err_org_not_found());
	return { organization, contacts, canEdit };
};

export const actions: Actions = {
	create: (event) =>
		runFormCommand(event, 'create', (actor, v) => createContact({ actor }, event.params.id, v)),
	update: (event) =>
		runFormCommand(event, 'update', (actor, v) =>
			updateContact({ actor }, event.params.id, v.contactId ?? '', v)
		),
	delete: (event) =>
		runFormCommand(event, 'delete', (actor, v) =>
			deleteContact({ actor }, event.params.id, v.contactId)
		)
};
