import { actorOf } from '$lib/server/access/actor-of';
import { error, redirect } from '@sveltejs/kit';
import { may } from '$lib/server/access/authorize';
import { startDrill } from '$lib/server/drills/commands';
import { signedInPage } from '$lib/server/page-load';
import { formFailure } from '$lib/server/http';
import { listInvitablePartners } from '$lib/server/organizations/partners';
import { readTemplate } from '$lib/server/runbooks/template-queries';
import { formObject } from '$lib/server/validation';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = (event) =>
	signedInPage(event, async (reader) => {
		const { params } = event;
		const template = await readTemplate(reader, params.templateId, null);
		if (template.organizationId !== params.id) error(404, m.err_template_not_found_plain());
		const [partners, canStart, canInvite] = await Promise.all([
			listInvitablePartners(params.id),
			may(reader, params.id, 'run.start'),
			may(reader, params.id, 'incident.share')
		]);
		return {
			organizationId: params.id,
			template: { id: template.id, name: template.name },
			partners,
			canStart,
			canInvite
		};
	});

export const actions: Actions = {
	start: async (event) => {
		const { params, request } = event;
		const form = await request.formData();
		const values = formObject(form);
		const actor = actorOf(event);
		let incidentId: string;
		try {
			({ incidentId } = await startDrill(
				{ actor, clientMutationId: values.clientMutationId || null },
				params.id,
				params.templateId,
				{
					...values,
					invite: form.getAll('invite').map(String),
					timezone: actor.timezone
				}
			));
		} catch (e) {
			return formFailure(e, values);
		}
		redirect(303, `/incidents/${incidentId}`);
	}
};
