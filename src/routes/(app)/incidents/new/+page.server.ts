import { actorOf } from '$lib/server/access/actor-of';
import { redirect } from '@sveltejs/kit';
import { toWallClock, fromWallClock } from '$lib/time/zoned';
import { roleAtLeast } from '$lib/organizations/roles';
import { formFailure } from '$lib/server/http';
import { declareIncident } from '$lib/server/incidents/commands';
import { listOrganizationsOfUser } from '$lib/server/organizations/queries';
import { formObject } from '$lib/server/validation';
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
	default: async (event) => {
		const { request, locals } = event;
		requireUser(locals);
		const values = formObject(await request.formData());
		let incidentId: string;
		try {
			const actor = actorOf(event);
			const input = {
				...values,
				detectedAt: values.detectedAt
					? fromWallClock(values.detectedAt, locals.user.timezone)
					: undefined,
				timezone: locals.user.timezone
			};
			({ incidentId } = (
				await declareIncident(
					{ actor, clientMutationId: values.clientMutationId || null },
					values.organizationId ?? '',
					input
				)
			).result);
		} catch (error) {
			return formFailure(error, values);
		}
		redirect(303, `/incidents/${incidentId}`);
	}
};
