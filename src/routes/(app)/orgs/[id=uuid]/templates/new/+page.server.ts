import { authorize } from '$lib/server/access/authorize';
import { runFormRedirect } from '$lib/server/form-action';
import { organizationPage } from '$lib/server/page-load';
import { createTemplate } from '$lib/server/runbooks/templates';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	organizationPage(event, async (reader, organizationId) => {
		await authorize(reader, organizationId, 'template.edit');
		return {};
	});

export const actions: Actions = {
	default: (event) =>
		runFormRedirect(event, async (actor, values) => {
			const { result } = await createTemplate({ actor }, event.params.id, {
				name: values.name,
				description: values.description
			});
			return `/orgs/${event.params.id}/templates/${result.templateId}`;
		})
};
