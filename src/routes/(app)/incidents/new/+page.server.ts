import { toWallClock, fromWallClock } from '$lib/time/zoned';
import { roleAtLeast } from '$lib/organizations/roles';
import { runFormRedirect } from '$lib/server/form-action';
import { declareIncident } from '$lib/server/incidents/commands';
import { listOrganizationsOfUser } from '$lib/server/organizations/queries';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/access/require-user';

export const load: PageServerLoad = async ({ locals }) => {
	requireUser(locals);
	const organizations = (await listOrganizationsOfUser(locals.user.id)).filter((o) =>
		roleAtLeast(o.role, 'responder')
	);
	return { declarable: organizations, now: toWallClock(new Date(), locals.user.timezone) };
};

export const actions: Actions = {
	default: (event) =>
		runFormRedirect(event, async (actor, values) => {
			const { timezone } = actor;
			const input = {
				...values,
				detectedAt: values.detectedAt ? fromWallClock(values.detectedAt, timezone) : undefined,
				timezone
			};
			const { result } = await declareIncident(
				{ actor, clientMutationId: values.clientMutationId || null },
				values.organizationId ?? '',
				input
			);
			return `/incidents/${result.incidentId}`;
		})
};
