import { endpoint, writeOf, written } from '$lib/server/http';
import { changeMemberRole, removeMember } from '$lib/server/organizations/commands';
import type { RequestHandler } from './$types';

/** Changes a member's role: { role }, on the version of If-Match (or `version`). */
export const PATCH: RequestHandler = endpoint(async (event) => {
	const { context, body } = await writeOf(event);
	const input = { ...body, userId: event.params.userId };
	const { result, replayed } = await changeMemberRole(context, event.params.id, input);
	return written(result, replayed);
});

/** Removes a member (never the last owner): they leave its rooms at once. */
export const DELETE: RequestHandler = endpoint(async (event) => {
	const { context } = await writeOf(event, { optionalBody: true });
	const input = { userId: event.params.userId };
	const { result, replayed } = await removeMember(context, event.params.id, input);
	return written(result, replayed);
});
