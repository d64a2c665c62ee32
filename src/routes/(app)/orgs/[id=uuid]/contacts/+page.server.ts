import { error, redirect } from '@sveltejs/kit';
import { authorize, may } from '$lib/server/access/authorize';
import { createContact, deleteContact, updateContact } from '$lib/server/contacts/commands';
import { listContacts } from '$lib/server/contacts/queries';
import { isAppError } from '$lib/server/errors';
import { formFailure } from '$lib/server/http';
import { findOrganization } from '$lib/server/organizations/queries';
import { formObject } from '$lib/server/validation';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	if (!locals.user) redirect(303, '/signin');
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
	if (!organization) error(404, 'This organization does not exist.');
	return { organization, contacts, canEdit };
};

async function run(
	event: RequestEvent,
	action: string,
	work: (values: Record<string, string>) => Promise<unknown>
) {
	const user = event.locals.user;
	if (!user) redirect(303, '/signin');
	const values = formObject(await event.request.formData());
	try {
		await work(values);
		return { action, ok: true as const };
	} catch (e) {
		return formFailure(e, { ...values, action });
	}
}

const actor = (event: RequestEvent) => {
	const user = event.locals.user;
	if (!user) redirect(303, '/signin');
	return { userId: user.id, name: user.displayName, address: event.getClientAddress() };
};

export const actions: Actions = {
	create: (event) =>
		run(event, 'create', (v) => createContact({ actor: actor(event) }, event.params.id, v)),
	update: (event) =>
		run(event, 'update', (v) =>
			updateContact({ actor: actor(event) }, event.params.id, v.contactId ?? '', v)
		),
	delete: (event) =>
		run(event, 'delete', (v) =>
			deleteContact({ actor: actor(event) }, event.params.id, v.contactId)
		)
};
