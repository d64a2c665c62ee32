import { redirect } from '@sveltejs/kit';
import { safeNext } from '$lib/server/auth/redirect';
import { setSessionCookie } from '$lib/server/auth/session';
import { isAppError } from '$lib/server/errors';
import { SSO_STATE_COOKIE, completeSsoSignIn } from '$lib/server/sso/sign-in';
import type { PageServerLoad } from './$types';

/** Where the provider sends people back (the redirect URI to register at the provider). */
export const load: PageServerLoad = async ({ url, cookies, request, getClientAddress }) => {
	const browserState = cookies.get(SSO_STATE_COOKIE);
	cookies.delete(SSO_STATE_COOKIE, { path: '/sso' });
	let signedIn;
	try {
		signedIn = await completeSsoSignIn(url, browserState, {
			address: getClientAddress(),
			userAgent: request.headers.get('user-agent') ?? undefined
		});
	} catch (error) {
		if (isAppError(error)) return { error: error.message };
		throw error;
	}
	setSessionCookie(cookies, signedIn.token, signedIn.expiresAt, url.protocol === 'https:');
	redirect(303, safeNext(signedIn.next));
};
