import { endpoint, writeOf, written } from '$lib/server/http';
import { createInvite } from '$lib/server/organizations/invites';
import type { RequestHandler } from './$types';

/** Invites a member: { role, email?, expiresInDays?, clientMutationId? }; the link is shown once. */
export const POST: RequestHandler = endpoint(async (event) => {
	const { context, body } = await writeOf(event);
	const invite = await createInvite(context, event.params.id, body);
	const link = invite.token ? `${event.url.origin}/invite/${invite.token}` : null;
	const { token: _, ...rest } = invite;
	return written({ ...rest, link }, link === null);
});
