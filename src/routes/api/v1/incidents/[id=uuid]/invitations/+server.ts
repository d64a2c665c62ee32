import { writeEndpoint } from '$lib/server/http';
import { authorizeIncidentOwner } from '$lib/server/incidents/access';
import { inviteOrganization, listPendingInvitations } from '$lib/server/incidents/invitations';
import { listEndpoint } from '$lib/server/list-endpoint';
import type { RequestHandler } from './$types';

/** The invitations not answered yet (the declaring organization's admins): ?limit=, ?cursor=. */
export const GET: RequestHandler = listEndpoint(
	async (reader, { params }) => {
		await authorizeIncidentOwner(reader, params.id, 'incident.share');
		return listPendingInvitations(params.id);
	},
	(i) => [i.createdAt.toISOString(), i.id]
);

/** Invites an organization: { organizationId } (a partner) or { code } (its invitation code). */
export const POST: RequestHandler = writeEndpoint((context, body, { params }) =>
	inviteOrganization(context, params.id, body)
);
