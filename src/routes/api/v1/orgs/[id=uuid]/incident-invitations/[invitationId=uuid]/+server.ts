import { endpoint, writeOf, written } from '$lib/server/http';
import { answerInvitation } from '$lib/server/incidents/invitations';
import type { RequestHandler } from './$types';

/** Answers an invitation: { answer: "accept" | "decline" }. */
export const POST: RequestHandler = endpoint(async (event) => {
	const { context, body } = await writeOf(event);
	const { result, replayed } = await answerInvitation(
		context,
		event.params.id,
		event.params.invitationId,
		body
	);
	return written(result, replayed);
});
