import { error } from '@sveltejs/kit';
import { actorOf } from '$lib/server/form-action';
import { isAppError } from '$lib/server/errors';
import { formFailure } from '$lib/server/http';
import { smtpSettings } from '$lib/server/mail/settings';
import { findOrganization } from '$lib/server/organizations/queries';
import { webhookSettings } from '$lib/server/webhooks/settings';
import { createEndpoint, listEndpoints } from '$lib/server/webhooks/endpoints';
import { endpointForm } from './form';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/access/require-user';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = async ({ locals, params }) => {
	requireUser(locals);
	try {
		const endpoints = await listEndpoints({ userId: locals.user.id }, params.id);
		const organization = await findOrganization(params.id);
		if (!organization) error(404, m.err_org_not_found());
		return {
			organization,
			endpoints,
			privateTargets: webhookSettings().allow !== null,
			mailConfigured: smtpSettings() !== null
		};
	} catch (e) {
		if (isAppError(e)) error(e.status, e.message);
		throw e;
	}
};

export const actions: Actions = {
	create: async (event) => {
		const values = await endpointForm(event.request);
		try {
			const created = await createEndpoint(
				{ actor: actorOf(event), clientMutationId: values.clientMutationId || null },
				event.params.id,
				values
			);
			// Shown once, here: the endpoint's page never shows it again.
			return {
				action: 'create',
				ok: true as const,
				endpointId: created.endpointId,
				name: created.name,
				secret: created.secret
			};
		} catch (e) {
			return formFailure(e, { ...values, action: 'create' });
		}
	}
};
