import { redirect, type RequestEvent } from '@sveltejs/kit';
import { AppError } from '../errors';
import type { Actor } from './actor';
import { isApi } from './request-guards';
import { m } from '$lib/paraglide/messages';

/** The caller of a form or an endpoint, as commands record it, with the zone they type times in. */
export type RequestActor = Actor & { timezone: string; source: 'manual' | 'api' };

type Event = Pick<RequestEvent, 'locals' | 'getClientAddress' | 'url'>;

/**
 * Who acted, and through which channel. An API token is a machine (source `api`); a person
 * signed in acts by hand (source `manual`), whether through a form or through the JSON API
 * the room's own script calls for them. Signed out, a page or form goes to sign-in and the
 * JSON API answers 401. `person: true` refuses API tokens (one's own account, new
 * organizations: a token acts for one organization, never as someone).
 */
export function actorOf(event: Event, options: { person?: boolean } = {}): RequestActor {
	const user = event.locals.user;
	if (!user) {
		if (isApi(event.url)) throw new AppError('unauthenticated', m.err_sign_in_or_token());
		redirect(303, '/signin');
	}
	const token = event.locals.apiToken ?? null;
	if (token && options.person) {
		throw new AppError('forbidden', m.err_person_only());
	}
	return {
		userId: user.id,
		name: user.displayName,
		address: event.getClientAddress(),
		timezone: user.timezone,
		source: token ? 'api' : 'manual'
	};
}
