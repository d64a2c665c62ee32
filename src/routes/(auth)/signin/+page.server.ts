import { redirect } from '@sveltejs/kit';
import { safeNext } from '$lib/server/auth/redirect';
import { setSessionCookie } from '$lib/server/auth/session';
import { signIn } from '$lib/server/auth/sign-in';
import { formFailure } from '$lib/server/http';
import { findInstanceProvider } from '$lib/server/sso/instance';
import { formObject } from '$lib/server/validation';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
	return {
		next: safeNext(url.searchParams.get('next'), ''),
		instanceProvider: await findInstanceProvider()
	};
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const values = formObject(await request.formData());
		let session;
		try {
			session = await signIn(values, {
				address: getClientAddress(),
				userAgent: request.headers.get('user-agent') ?? undefined
			});
		} catch (error) {
			return formFailure(error, values);
		}
		setSessionCookie(cookies, session.token, session.session.expiresAt, url.protocol === 'https:');
		redirect(303, safeNext(values.next));
	}
};
