import { issuePasswordReset } from '$lib/server/auth/password-reset';
import { endpoint, writeOf, written } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Issues a single-use password reset link for a member, shown once. */
export const POST: RequestHandler = endpoint(async (event) => {
	const { context } = await writeOf(event, { optionalBody: true });
	const reset = await issuePasswordReset(context, event.params.id, event.params.userId);
	const link = reset.token ? `${event.url.origin}/reset/${reset.token}` : null;
	const { token: _, ...rest } = reset;
	return written({ ...rest, link }, link === null);
});
