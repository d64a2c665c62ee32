import { fail } from '@sveltejs/kit';
import { isAppError } from '$lib/server/errors';
import { requirePublicStatus } from '$lib/server/status/responses';
import {
	confirmSubscription,
	subscriptionState,
	unsubscribe
} from '$lib/server/status/subscribers';
import type { Actions, PageServerLoad } from './$types';

export const csr = false;

/**
 * The link of a confirmation or update mail. Opening it changes nothing (mail scanners open
 * links): the person presses "confirm" or "unsubscribe".
 */
export const load: PageServerLoad = async ({ params }) => {
	const status = await requirePublicStatus(params.slug);
	return {
		title: status.page.title,
		slug: status.page.slug,
		state: await subscriptionState(params.slug, params.token)
	};
};

const answer = (action: string, work: () => Promise<void>) =>
	work()
		.then(() => ({ action, ok: true as const }))
		.catch((error: unknown) => {
			if (!isAppError(error)) throw error;
			return fail(error.status, { action, message: error.message });
		});

export const actions: Actions = {
	confirm: ({ params }) => answer('confirm', () => confirmSubscription(params.slug, params.token)),
	unsubscribe: ({ params }) => answer('unsubscribe', () => unsubscribe(params.slug, params.token))
};
