import { redirect } from '@sveltejs/kit';
import { runFormAction } from '$lib/server/form-action';
import { organizationPage } from '$lib/server/page-load';
import {
	deleteEndpoint,
	readEndpoint,
	redeliver,
	rotateSecret,
	updateEndpoint
} from '$lib/server/webhooks/endpoints';
import { endpointForm } from '../form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	organizationPage(event, (reader, organizationId) =>
		readEndpoint(reader, organizationId, event.params.endpointId)
	);

export const actions: Actions = {
	update: (event) =>
		runFormAction(
			event,
			'update',
			async (actor, values) => {
				await updateEndpoint({ actor }, event.params.id, event.params.endpointId, {
					name: values.name,
					url: values.url,
					groups: values.groups,
					version: values.version
				});
			},
			endpointForm
		),
	toggle: (event) =>
		runFormAction(event, 'toggle', async (actor, values) => {
			await updateEndpoint({ actor }, event.params.id, event.params.endpointId, {
				enabled: values.enabled === 'true',
				version: values.version
			});
		}),
	rotate: (event) =>
		runFormAction(event, 'rotate', async (actor) => {
			const rotated = await rotateSecret({ actor }, event.params.id, event.params.endpointId);
			// Shown once, here.
			return { secret: rotated.secret, previousUntil: rotated.result.previousSecretUntil };
		}),
	redeliver: (event) =>
		runFormAction(event, 'redeliver', async (actor, values) => {
			const { result } = await redeliver(
				{ actor },
				event.params.id,
				event.params.endpointId,
				values.deliveryId
			);
			return { deliveryId: result.deliveryId };
		}),
	delete: async (event) => {
		const outcome = await runFormAction(event, 'delete', async (actor) => {
			await deleteEndpoint({ actor }, event.params.id, event.params.endpointId);
		});
		if ('ok' in outcome && outcome.ok) redirect(303, `/orgs/${event.params.id}/webhooks`);
		return outcome;
	}
};
