import { actorOf } from '$lib/server/access/actor-of';
import { getLocale } from '$lib/paraglide/runtime';
import { readScorecard } from '$lib/server/drills/read-scorecard';
import { formFailure } from '$lib/server/http';
import { changeIncidentStatus } from '$lib/server/incidents/commands';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/access/require-user';
import { signedInPage } from '$lib/server/page-load';

export const load: PageServerLoad = (event) =>
	signedInPage(event, (reader, { timezone }) =>
		readScorecard(reader, event.params.id, { timezone, locale: getLocale() })
	);

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
