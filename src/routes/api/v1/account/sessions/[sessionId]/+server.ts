import { json } from '@sveltejs/kit';
import { endpoint, writeOf } from '$lib/server/http';
import { endOwnSession } from '$lib/server/users/account';
import type { RequestHandler } from './$types';

/** Signs out one of one's own sessions (its sockets too). */
export const DELETE: RequestHandler = endpoint(async (event) => {
	const { context } = await writeOf(event, { person: true, optionalBody: true });
	const { userId, address } = context.actor;
	await endOwnSession(userId, { sessionId: event.params.sessionId }, address);
	return json({ endedSessions: 1 });
});
