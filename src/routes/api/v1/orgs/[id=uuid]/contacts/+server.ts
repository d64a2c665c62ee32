import { authorize } from '$lib/server/access/authorize';
import { createContact } from '$lib/server/contacts/commands';
import { listContacts } from '$lib/server/contacts/queries';
import { writeEndpoint } from '$lib/server/http';
import { listEndpoint } from '$lib/server/list-endpoint';
import type { RequestHandler } from './$types';

/** The organization's provider contacts, by provider and escalation: ?limit=, ?cursor=. */
export const GET: RequestHandler = listEndpoint(
	async (reader, { params }) => {
		await authorize(reader, params.id, 'contacts.view');
		return listContacts(params.id);
	},
	(c) => [c.providerName, c.escalationLevel ?? 0, c.name, c.id]
);

/** Creates a contact: { providerName, name, function?, phones?, email?, hours?, escalationLevel?, … }. */
export const POST: RequestHandler = writeEndpoint((context, body, { params }) =>
	createContact(context, params.id, body)
);
