import { redirect } from '@sveltejs/kit';
import { formFailure } from '$lib/server/http';
import { changePassword, updateProfile } from '$lib/server/users/account';
import { formObject } from '$lib/server/validation';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (!locals.user) redirect(303, '/signin');
	return {
		profile: {
			displayName: locals.user.displayName,
			timezone: locals.user.timezone,
			locale: locals.user.locale
		}
	};
};

export const actions: Actions = {
	profile: async ({ request, locals }) => {
		if (!locals.user) redirect(303, '/signin');
		const values = formObject(await request.formData());
		try {
			await updateProfile(locals.user.id, values);
			return { action: 'profile', ok: true };
		} catch (e) {
			return formFailure(e, { ...values, action: 'profile' });
		}
	},
	password: async ({ request, locals, getClientAddress }) => {
		if (!locals.user || !locals.session) redirect(303, '/signin');
		const values = formObject(await request.formData());
		try {
			const { endedSessions } = await changePassword(
				locals.user.id,
				locals.session.id,
				values,
				getClientAddress()
			);
			return { action: 'password', ok: true, endedSessions };
		} catch (e) {
			return formFailure(e, { action: 'password' });
		}
	}
};
