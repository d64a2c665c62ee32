import { runFormMutation } from '$lib/server/form-action';
import { smtpSettings } from '$lib/server/mail/settings';
import { organizationPage } from '$lib/server/page-load';
import { webhookSettings } from '$lib/server/webhooks/settings';
import { createEndpoint, listEndpoints } from '$lib/server/webhooks/endpoints';
import { endpointForm } from './form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	organizationPage(event, async (reader, organizationId) => ({
		endpoints: await listEndpoints(reader, organizationId),
		privateTargets: webhookSettings().allow !== null,
		mailConfigured: smtpSettings() !== null
	}));

export const actions: Actions = {
	create: (event) =>
		runFormMutation(
			event,
			'create',
			async (context, values) => {
				const created = await createEndpoint(context, event.params.id, values);
				// Shown once, here: the endpoint's page never shows it again.
				return { endpointId: created.endpointId, name: created.name, secret: created.secret };
			},
			endpointForm
		)
};
