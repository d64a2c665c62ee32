import { error, redirect } from '@sveltejs/kit';
import { actorOf, runFormAction } from '$lib/server/form-action';
import { isAppError } from '$lib/server/errors';
import { formFailure } from '$lib/server/http';
import { findOrganization } from '$lib/server/organizations/queries';
import {
	deleteEndpoint,
	readEndpoint,
	redeliver,
	rotateSecret,
	updateEndpoint
} from '$lib/server/webhooks/endpoints';
import { endpointForm } from '../form';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/access/require-user';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = async ({ locals, params }) => {
	requireUser(locals);
	try {
		const { endpoint, deliveries } = await readEndpoint(
			{ userId: locals.user.id },
			params.id,
			params.endpointId
		);
		const organization = await findOrganization(params.id);
		if (!organization) error(404, m.err_org_not_found());
		return { organization, endpoint, deliveries };
	} catch (e) {
		if (isAppError(e)) error(e.status, e.message);
		throw e;
	}
};

export const actions: Actions = {
	update: async (event) => {
		const values = await endpointForm(event.request);
		try {
			await updateEndpoint({ actor: actorOf(event) }, event.params.id, event.params.endpointId, {
				name: values.name,
				url: values.url,
				groups: values.groups,
				version: values.version
			});
			return { action: 'update', ok: true as const };
		} catch (e) {
			return formFailure(e, { ...values, action: 'update' });
		}
	},
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
