import { endpoint, writeOf, written } from '$lib/server/http';
import { withdrawInvitation } from '$lib/server/incidents/invitations';
import type { RequestHandler } from './$types';

/** Withdraws an invitation not answered yet. */
export const DELETE: RequestHandler = endpoint(async (event) => {
	const { context } = await writeOf(event, { optionalBody: true });
	const { result, replayed } = await withdrawInvitation(
		context,
		event.params.id,
		event.params.invitationId
	);
	return written(result, replayed);
});
