import { redirect } from '@sveltejs/kit';
import { safeNext } from '$lib/server/auth/redirect';
import { THEME_COOKIE, themeOf } from '$lib/theme/theme';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ request, cookies, url }) => {
		const theme = themeOf(String((await request.formData()).get('theme') ?? ''));
		cookies.set(THEME_COOKIE, theme, {
			path: '/',
			httpOnly: false,
			sameSite: 'lax',
			secure: url.protocol === 'https:',
			maxAge: 60 * 60 * 24 * 365
		});
		const referer = request.headers.get('referer');
		redirect(303, safeNext(referer ? new URL(referer, url).pathname : null, '/'));
	}
};
