import { runFormMutation } from '$lib/server/form-action';
import { organizationPage } from '$lib/server/page-load';
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

export const load: PageServerLoad = (event) =>
	organizationPage(event, async (reader, organizationId, { timezone }) => {
		const page = await readStatusPageSettings(reader, organizationId);
		const hour = 60 * 60 * 1000;
		const start = new Date(Math.ceil((Date.now() + hour) / hour) * hour);
		return {
			page,
			items: await componentCandidates(organizationId),
			mail: subscriptionsOffered(),
			timezone,
			// A maintenance form starts on the next full hour after the coming one, for an hour.
			suggested: {
				from: toWallClock(start, timezone),
				until: toWallClock(new Date(start.getTime() + hour), timezone)
			}
		};
	});

export const actions: Actions = {
	save: (event) =>
		runFormMutation(event, 'save', async (context, values) => {
			await saveStatusPage(context, event.params.id, statusPageFromForm(values));
		}),
	schedule: (event) =>
		runFormMutation(event, 'schedule', async (context, values) => {
			await scheduleMaintenance(
				context,
				event.params.id,
				maintenanceFromForm(values, context.actor.timezone)
			);
		}),
	maintenance: (event) =>
		runFormMutation(event, 'maintenance', async (context, values) => {
			await updateMaintenance(
				context,
				event.params.id,
				values.maintenanceId,
				maintenanceChangeFromForm(values)
			);
		}),
	cancelMaintenance: (event) =>
		runFormMutation(event, 'cancelMaintenance', async (context, values) => {
			await cancelMaintenance(context, event.params.id, values.maintenanceId);
		})
};
