import { actorOf } from '$lib/server/access/actor-of';
import { error, redirect } from '@sveltejs/kit';
import { authorize } from '$lib/server/access/authorize';
import { isAppError } from '$lib/server/errors';
import { formFailure } from '$lib/server/http';
import { findOrganization } from '$lib/server/organizations/queries';
import { createTemplate } from '$lib/server/runbooks/templates';
import { formObject } from '$lib/server/validation';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/access/require-user';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = async ({ locals, params }) => {
	requireUser(locals);
	try {
		await authorize({ userId: locals.user.id }, params.id, 'template.edit');
		const organization = await findOrganization(params.id);
		if (!organization) error(404, m.err_org_not_found());
		return { organization };
	} catch (e) {
		if (isAppError(e)) error(e.status, e.message);
		throw e;
	}
};

export const actions: Actions = {
	default: async (event) => {
		const { locals, params, request } = event;
		requireUser(locals);
		const values = formObject(await request.formData());
		const actor = actorOf(event);
		let templateId: string;
		try {
			const { result } = await createTemplate({ actor }, params.id, {
				name: values.name,
				description: values.description
			});
			templateId = result.templateId;
		} catch (e) {
			return formFailure(e, values);
		}
		redirect(303, `/orgs/${params.id}/templates/${templateId}`);
	}
};
