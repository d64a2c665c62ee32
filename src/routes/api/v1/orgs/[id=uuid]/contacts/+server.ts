import { json } from '@sveltejs/kit';
import { authorize } from '$lib/server/access/authorize';
import { createContact } from '$lib/server/contacts/commands';
import { listContacts } from '$lib/server/contacts/queries';
import { endpoint, readerOf, writeEndpoint } from '$lib/server/http';
import { pageOfList } from '$lib/server/pagination';
import type { RequestHandler } from './$types';

/** The organization's provider contacts, by provider and escalation: ?limit=, ?cursor=. */
export const GET: RequestHandler = endpoint(async (event) => {
	await authorize(readerOf(event), event.params.id, 'contacts.view');
	const contacts = await listContacts(event.params.id);
	const query = Object.fromEntries(event.url.searchParams);
	return json(
		pageOfList(contacts, query, (c) => [c.providerName, c.escalationLevel ?? 0, c.name, c.id])
	);
});

/** Creates a contact: { providerName, name, function?, phones?, email?, hours?, escalationLevel?, … }. */
export const POST: RequestHandler = writeEndpoint((context, body, { params }) =>
	createContact(context, params.id, body)
);
