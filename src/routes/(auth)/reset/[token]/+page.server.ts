import { redirect } from '@sveltejs/kit';
import { completePasswordReset, readPasswordReset } from '$lib/server/auth/password-reset';
import { formFailure } from '$lib/server/http';
import { pageFailure } from '$lib/server/page-load';
import { formObject } from '$lib/server/validation';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	try {
		const reset = await readPasswordReset(params.token);
		return { email: reset.email };
	} catch (e) {
		pageFailure(e);
	}
};

export const actions: Actions = {
	default: async ({ params, request, getClientAddress }) => {
		const values = formObject(await request.formData());
		try {
			await completePasswordReset(params.token, values, getClientAddress());
		} catch (e) {
			return formFailure(e);
		}
		redirect(303, '/signin?reset=done');
	}
};
