import { writeEndpoint } from '$lib/server/http';
import { withdrawInvitation } from '$lib/server/incidents/invitations';
import type { RequestHandler } from './$types';

/** Withdraws an invitation not answered yet. */
export const DELETE: RequestHandler = writeEndpoint(
	(context, _, { params }) => withdrawInvitation(context, params.id, params.invitationId),
	{ optionalBody: true }
);
