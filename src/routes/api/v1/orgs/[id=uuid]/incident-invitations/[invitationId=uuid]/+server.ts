import { writeEndpoint } from '$lib/server/http';
import { answerInvitation } from '$lib/server/incidents/invitations';
import type { RequestHandler } from './$types';

/** Answers an invitation: { answer: "accept" | "decline" }. */
export const POST: RequestHandler = writeEndpoint((context, body, { params }) =>
	answerInvitation(context, params.id, params.invitationId, body)
);
