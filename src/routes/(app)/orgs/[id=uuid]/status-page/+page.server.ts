import { error } from '@sveltejs/kit';
import { isAppError } from '$lib/server/errors';
import { runFormAction } from '$lib/server/form-action';
import { findOrganization } from '$lib/server/organizations/queries';
import { toWallClock } from '$lib/time/zoned';
import { saveStatusPage } from '$lib/server/status/commands';
import {
	cancelMaintenance,
	scheduleMaintenance,
	updateMaintenance
} from '$lib/server/status/maintenances';
import { componentCandidates, readStatusPageSettings } from '$lib/server/status/queries';
import {
	maintenanceChangeFromForm,
	maintenanceFromForm,
	statusPageFromForm
} from '$lib/server/status/schemas';
import { subscriptionsOffered } from '$lib/server/status/subscribers';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/access/require-user';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = async ({ locals, params }) => {
	requireUser(locals);
	try {
		const page = await readStatusPageSettings({ userId: locals.user.id }, params.id);
		const organization = await findOrganization(params.id);
		if (!organization) error(404, m.err_org_not_found());
		const items = await componentCandidates(params.id);
		const timezone = locals.user.timezone;
		const hour = 60 * 60 * 1000;
		const start = new Date(Math.ceil((Date.now() + hour) / hour) * hour);
		return {
			organization,
			page,
			items,
			mail: subscriptionsOffered(),
			timezone,
			// A maintenance form starts on the next full hour after the coming one, for an hour.
			suggested: {
				from: toWallClock(start, timezone),
				until: toWallClock(new Date(start.getTime() + hour), timezone)
			}
		};
	} catch (e) {
		if (isAppError(e)) error(e.status, e.message);
		throw e;
	}
};

export const actions: Actions = {
	save: (event) =>
		runFormAction(event, 'save', async (actor, values) => {
			await saveStatusPage(
				{ actor, clientMutationId: values.clientMutationId || null },
				event.params.id,
				statusPageFromForm(values)
			);
		}),
	schedule: (event) =>
		runFormAction(event, 'schedule', async (actor, values) => {
			await scheduleMaintenance(
				{ actor, clientMutationId: values.clientMutationId || null },
				event.params.id,
				maintenanceFromForm(values, event.locals.user?.timezone ?? 'UTC')
			);
		}),
	maintenance: (event) =>
		runFormAction(event, 'maintenance', async (actor, values) => {
			await updateMaintenance(
				{ actor, clientMutationId: values.clientMutationId || null },
				event.params.id,
				values.maintenanceId,
				maintenanceChangeFromForm(values)
			);
		}),
	cancelMaintenance: (event) =>
		runFormAction(event, 'cancelMaintenance', async (actor, values) => {
			await cancelMaintenance(
				{ actor, clientMutationId: values.clientMutationId || null },
				event.params.id,
				values.maintenanceId
			);
		})
};
