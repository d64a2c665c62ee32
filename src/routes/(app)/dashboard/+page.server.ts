import { redirect } from '@sveltejs/kit';
import { createOrganization } from '$lib/server/organizations/commands';
import { todayIn } from '$lib/postmortems/sections';
import { listOpenActionItems } from '$lib/server/postmortems/action-items';
import { incidentStatistics } from '$lib/server/postmortems/statistics';
import { listLiveIncidents } from '$lib/server/incidents/live-now';
import { answerInvitation, listReceivedInvitations } from '$lib/server/incidents/invitations';
import { runFormMutation, runFormRedirect } from '$lib/server/form-action';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/access/require-user';

/** What is live now, overdue action items and the real-incident figures (drills apart) of everything one may see. */
export const load: PageServerLoad = async ({ locals, depends }) => {
	requireUser(locals);
	depends('app:live-incidents');
	const today = todayIn(locals.user.timezone);
	const [invitations, live, overdue, statistics] = await Promise.all([
		listReceivedInvitations(locals.user.id),
		listLiveIncidents(locals.user.id),
		listOpenActionItems(locals.user.id, { dueBefore: today }),
		incidentStatistics(locals.user.id)
	]);
	return { invitations, live, overdue, statistics };
};

export const actions: Actions = {
	answerInvitation: async (event) => {
		const result = await runFormMutation(event, 'answerInvitation', async (context, values) => {
			const { result } = await answerInvitation(
				context,
				values.organizationId ?? '',
				values.invitationId ?? '',
				values
			);
			return { incidentId: result.incidentId, accepted: result.accepted };
		});
		// Accepted: the room is open to the organization now, and that is where one is needed.
		if ('accepted' in result && result.accepted) redirect(303, `/incidents/${result.incidentId}`);
		return result;
	},
	createOrganization: (event) =>
		runFormRedirect(event, async (actor, values) => {
			const { result } = await createOrganization(actor, values, values.clientMutationId || null);
			return `/orgs/${result.organizationId}`;
		})
};
