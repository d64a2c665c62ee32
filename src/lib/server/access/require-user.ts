import { redirect } from '@sveltejs/kit';
import { AppError } from '../errors';
import { m } from '$lib/paraglide/messages';

type SignedIn = App.Locals & { user: NonNullable<App.Locals['user']> };

/**
 * The sign-in guard of every page, action and download: signed out, the person goes to
 * sign-in (and back to `url` afterwards when it is given).
 */
export function requireUser(locals: App.Locals, url?: URL): asserts locals is SignedIn {
	if (locals.user) return;
	redirect(303, url ? `/signin?next=${encodeURIComponent(url.pathname + url.search)}` : '/signin');
}

/** The same guard for a JSON endpoint: signed out and without a token, 401. */
export function requireApiUser(locals: App.Locals): asserts locals is SignedIn {
	if (!locals.user) throw new AppError('unauthenticated', m.err_sign_in_or_token());
}
