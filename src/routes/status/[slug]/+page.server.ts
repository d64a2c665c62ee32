import { fail } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import { isAppError } from '$lib/server/errors';
import { requirePublicStatus } from '$lib/server/status/responses';
import { PUBLIC_CACHE } from '$lib/server/status/statuspage';
import { subscribe, subscriptionsOffered } from '$lib/server/status/subscribers';
import { formObject } from '$lib/server/validation';
import type { Actions, PageServerLoad } from './$types';

/** For the merchant's customers, while the shop may be down: plain HTML, no JavaScript. */
export const csr = false;

export const load: PageServerLoad = async ({ params, setHeaders, request }) => {
	const status = await requirePublicStatus(params.slug);
	if (request.method === 'GET') {
		setHeaders({ 'cache-control': PUBLIC_CACHE, vary: 'Accept-Language, Cookie' });
	}
	return { status, subscriptions: subscriptionsOffered() };
};

export const actions: Actions = {
	subscribe: async ({ params, request }) => {
		const values = formObject(await request.formData());
		try {
			await subscribe(params.slug, values, getLocale());
			return { action: 'subscribe', ok: true as const };
		} catch (error) {
			if (!isAppError(error)) throw error;
			return fail(error.status, {
				action: 'subscribe',
				message: error.message,
				values: { email: values.email ?? '' }
			});
		}
	}
};
