import { error, redirect } from '@sveltejs/kit';
import { completePasswordReset, readPasswordReset } from '$lib/server/auth/password-reset';
import { isAppError } from '$lib/server/errors';
import { formFailure } from '$lib/server/http';
import { formObject } from '$lib/server/validation';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	try {
		const reset = await readPasswordReset(params.token);
		return { email: reset.email };
	} catch (e) {
		if (isAppError(e)) error(e.status, e.message);
		throw e;
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
