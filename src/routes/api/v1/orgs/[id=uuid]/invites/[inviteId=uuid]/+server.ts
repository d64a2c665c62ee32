import { writeEndpoint } from '$lib/server/http';
import { revokeInvite } from '$lib/server/organizations/invites';
import type { RequestHandler } from './$types';

/** Revokes a pending invite: its link no longer works. */
export const DELETE: RequestHandler = writeEndpoint(
	(context, _, { params }) => revokeInvite(context, params.id, params.inviteId),
	{ optionalBody: true }
);
