import { redirect } from '@sveltejs/kit';
import { AppError } from '../errors';
import { isApi } from './request-guards';
import { m } from '$lib/paraglide/messages';

type SignedIn = App.Locals & { user: NonNullable<App.Locals['user']> };

/**
 * The sign-in guard of every page, action and endpoint: signed out, a page or a form goes to
 * sign-in (back to `url` afterwards when it is given) and the JSON API answers 401.
 */
export function requireUser(locals: App.Locals, url?: URL): asserts locals is SignedIn {
	if (locals.user) return;
	if (url && isApi(url)) throw new AppError('unauthenticated', m.err_sign_in_or_token());
	redirect(303, url ? `/signin?next=${encodeURIComponent(url.pathname + url.search)}` : '/signin');
}
