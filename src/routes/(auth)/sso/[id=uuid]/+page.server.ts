import { redirect } from '@sveltejs/kit';
import { safeNext } from '$lib/server/auth/redirect';
import { isAppError } from '$lib/server/errors';
import { ATTEMPT_LIFETIME_MS, SSO_STATE_COOKIE, beginSsoSignIn } from '$lib/server/sso/sign-in';
import type { PageServerLoad } from './$types';

/** The direct sign-in link of a provider: off to its authorization page. */
export const load: PageServerLoad = async ({ params, url, cookies }) => {
	let started;
	try {
		const hint = url.searchParams.get('email')?.slice(0, 320) || undefined;
		started = await beginSsoSignIn(params.id, url.origin, {
			next: safeNext(url.searchParams.get('next')),
			loginHint: hint
		});
	} catch (error) {
		if (isAppError(error)) return { error: error.message };
		throw error;
	}
	cookies.set(SSO_STATE_COOKIE, started.state, {
		path: '/sso',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		maxAge: ATTEMPT_LIFETIME_MS / 1000
	});
	redirect(303, started.url.toString());
};
