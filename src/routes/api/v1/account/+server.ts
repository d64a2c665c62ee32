import { json } from '@sveltejs/kit';
import { endpoint, writeOf } from '$lib/server/http';
import { updateProfile } from '$lib/server/users/account';
import type { RequestHandler } from './$types';

/** One's own profile: { displayName, timezone, locale } (a repeat sets the same values). */
export const PATCH: RequestHandler = endpoint(async (event) => {
	const { context, body } = await writeOf(event, { person: true });
	return json({ profile: await updateProfile(context.actor.userId, body) });
});
