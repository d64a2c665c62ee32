import { redirect } from '@sveltejs/kit';
import { formFailure } from '$lib/server/http';
import { createOrganization } from '$lib/server/organizations/commands';
import { formObject } from '$lib/server/validation';
import type { Actions } from './$types';

export const actions: Actions = {
	createOrganization: async ({ request, locals, getClientAddress }) => {
		if (!locals.user) redirect(303, '/signin');
		const values = formObject(await request.formData());
		let organizationId: string;
		try {
			const actor = {
				userId: locals.user.id,
				name: locals.user.displayName,
				address: getClientAddress()
			};
			({ organizationId } = (
				await createOrganization(actor, values, values.clientMutationId || null)
			).result);
		} catch (error) {
			return formFailure(error, values);
		}
		redirect(303, `/orgs/${organizationId}`);
	}
};
