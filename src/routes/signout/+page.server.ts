import { redirect } from '@sveltejs/kit';
import { recordAuthEvent } from '$lib/server/auth/auth-events';
import { deleteSessionCookie, invalidateSession } from '$lib/server/auth/session';
import { endSocketsOfSessions } from '$lib/server/realtime/control';
import { providerSignOutUrl, SSO_LOGOUT_COOKIE } from '$lib/server/sso/sign-in';
import { signOutEverywhere } from '$lib/server/users/account';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = () => redirect(303, '/');

// Named actions only: SvelteKit refuses a default action beside named ones (a 500 on any post).
export const actions: Actions = {
	current: async ({ locals, cookies, url, getClientAddress }) => {
		let atProvider: URL | null = null;
		if (locals.session) {
			atProvider = await providerSignOutUrl(locals.session.id, url.origin);
			await invalidateSession(locals.session.id);
			endSocketsOfSessions([locals.session.id], m.sock_signed_out());
			await recordAuthEvent('sign_out', {
				userId: locals.session.userId,
				address: getClientAddress()
			});
		}
		deleteSessionCookie(cookies, url.protocol === 'https:');
		// Opened through an identity provider: signed out there too, which sends the person back.
		if (atProvider) {
			cookies.set(SSO_LOGOUT_COOKIE, atProvider.toString(), {
				path: '/signout',
				httpOnly: true,
				sameSite: 'lax',
				secure: url.protocol === 'https:',
				maxAge: 120
			});
			redirect(303, '/signout/provider');
		}
		redirect(303, '/signin');
	},
	everywhere: async ({ locals, cookies, url, getClientAddress }) => {
		if (locals.user) await signOutEverywhere(locals.user.id, getClientAddress());
		deleteSessionCookie(cookies, url.protocol === 'https:');
		redirect(303, '/signin');
	}
};
