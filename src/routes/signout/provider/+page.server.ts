import { redirect } from '@sveltejs/kit';
import { SSO_LOGOUT_COOKIE } from '$lib/server/sso/sign-in';
import type { PageServerLoad } from './$types';

/**
 * The step between signing out here and at the provider. The CSP's form-action 'self' forbids
 * a form post to end on another site, so the sign-out leaves the provider's end-session URL
 * in a short cookie (set by the server only: no open redirect) and this page sends the
 * browser on with a plain link and a refresh.
 */
export const load: PageServerLoad = ({ cookies }) => {
	const to = cookies.get(SSO_LOGOUT_COOKIE);
	cookies.delete(SSO_LOGOUT_COOKIE, { path: '/signout' });
	if (!to || !/^https?:\/\//.test(to)) redirect(303, '/signin');
	return { to };
};
