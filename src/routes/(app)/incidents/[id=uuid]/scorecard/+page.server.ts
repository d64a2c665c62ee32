import { actorOf } from '$lib/server/access/actor-of';
import { error } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import { readScorecard } from '$lib/server/drills/read-scorecard';
import { isAppError } from '$lib/server/errors';
import { formFailure } from '$lib/server/http';
import { changeIncidentStatus } from '$lib/server/incidents/commands';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/access/require-user';

export const load: PageServerLoad = async ({ locals, params }) => {
	requireUser(locals);
	try {
		return await readScorecard({ userId: locals.user.id }, params.id, {
			timezone: locals.user.timezone,
			locale: getLocale()
		});
	} catch (e) {
		if (isAppError(e)) error(e.status, e.message);
		throw e;
	}
};

export const actions: Actions = {
	/** Ends the drill: it is resolved like any incident, and its scorecard is final. */
	end: async (event) => {
		const { locals, params } = event;
		requireUser(locals);
		const actor = actorOf(event);
		try {
			await changeIncidentStatus({ actor }, params.id, {
				status: 'resolved',
				reason: 'Drill ended.'
			});
		} catch (e) {
			return formFailure(e);
		}
		return { ended: true };
	}
};
