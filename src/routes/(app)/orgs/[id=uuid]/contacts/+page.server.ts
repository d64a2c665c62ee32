import { authorize, may } from '$lib/server/access/authorize';
import { createContact, deleteContact, updateContact } from '$lib/server/contacts/commands';
import { listContacts } from '$lib/server/contacts/queries';
import { runFormCommand } from '$lib/server/form-action';
import { organizationPage } from '$lib/server/page-load';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	organizationPage(event, async (reader, organizationId) => {
		await authorize(reader, organizationId, 'contacts.view');
		const [contacts, canEdit] = await Promise.all([
			listContacts(organizationId),
			may(reader, organizationId, 'contacts.edit')
		]);
		return { contacts, canEdit };
	});

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
