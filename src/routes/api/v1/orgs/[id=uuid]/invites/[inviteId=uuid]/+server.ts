import { endpoint, writeOf, written } from '$lib/server/http';
import { revokeInvite } from '$lib/server/organizations/invites';
import type { RequestHandler } from './$types';

/** Revokes a pending invite: its link no longer works. */
export const DELETE: RequestHandler = endpoint(async (event) => {
	const { context } = await writeOf(event, { optionalBody: true });
	const { result, replayed } = await revokeInvite(context, event.params.id, event.params.inviteId);
	return written(result, replayed);
});
