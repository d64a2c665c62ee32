import { json } from '@sveltejs/kit';
import { endpoint, readerOf, writeEndpoint } from '$lib/server/http';
import { authorizeIncidentOwner } from '$lib/server/incidents/access';
import { inviteOrganization, listPendingInvitations } from '$lib/server/incidents/invitations';
import { pageOfList } from '$lib/server/pagination';
import type { RequestHandler } from './$types';

/** The invitations not answered yet (the declaring organization's admins): ?limit=, ?cursor=. */
export const GET: RequestHandler = endpoint(async (event) => {
	await authorizeIncidentOwner(readerOf(event), event.params.id, 'incident.share');
	const invitations = await listPendingInvitations(event.params.id);
	const query = Object.fromEntries(event.url.searchParams);
	return json(pageOfList(invitations, query, (i) => [i.createdAt.toISOString(), i.id]));
});

/** Invites an organization: { organizationId } (a partner) or { code } (its invitation code). */
export const POST: RequestHandler = writeEndpoint((context, body, { params }) =>
	inviteOrganization(context, params.id, body)
);
