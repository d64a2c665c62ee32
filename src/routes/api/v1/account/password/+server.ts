import { json } from '@sveltejs/kit';
import { AppError } from '$lib/server/errors';
import { endpoint, writeOf } from '$lib/server/http';
import { changePassword } from '$lib/server/users/account';
import type { RequestHandler } from './$types';
import { m } from '$lib/paraglide/messages';

/** Changes one's password: { currentPassword, password }; every other session ends. */
export const POST: RequestHandler = endpoint(async (event) => {
	const { context, body } = await writeOf(event, { person: true });
	const session = event.locals.session;
	if (!session) throw new AppError('unauthenticated', m.err_sign_in_to_change_password());
	const { userId, address } = context.actor;
	return json(await changePassword(userId, session.id, body, address));
});
