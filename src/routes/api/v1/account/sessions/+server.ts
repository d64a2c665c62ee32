import { json } from '@sveltejs/kit';
import { listUserSessions } from '$lib/server/auth/session';
import { AppError } from '$lib/server/errors';
import { endpoint, writeOf } from '$lib/server/http';
import { listEndpoint } from '$lib/server/list-endpoint';
import { endOtherSessions } from '$lib/server/users/account';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';

/** One's own sessions, the current one marked: ?limit=, ?cursor=. */
export const GET: RequestHandler = listEndpoint(
	async (reader, { locals }) => {
		const current = locals.session?.id;
		const sessions = await listUserSessions(reader.userId);
		return sessions.map((s) => ({ ...s, current: s.id === current }));
	},
	(s) => [s.createdAt.toISOString(), s.id],
	{ person: true }
);

/** Signs out every other session of one's own (this one stays). */
export const DELETE: RequestHandler = endpoint(async (event) => {
	const { context } = await writeOf(event, { person: true, optionalBody: true });
	const session = event.locals.session;
	if (!session) throw new AppError('unauthenticated', m.err_sign_in_to_end_sessions());
	const { userId, address } = context.actor;
	return json({ endedSessions: await endOtherSessions(userId, session.id, address) });
});
