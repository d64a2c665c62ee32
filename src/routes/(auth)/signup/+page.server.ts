import { redirect } from '@sveltejs/kit';
import { safeNext } from '$lib/server/auth/redirect';
import { openSession } from '$lib/server/auth/session';
import { formFailure } from '$lib/server/http';
import { signUp } from '$lib/server/users/sign-up';
import { formObject } from '$lib/server/validation';
import { getLocale } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const next = safeNext(url.searchParams.get('next'), '');
	if (locals.user) redirect(303, next || '/dashboard');
	// Someone arriving from an invite joins that organization instead of creating one.
	return { next, invited: next.startsWith('/invite/') };
};

export const actions: Actions = {
	default: async (event) => {
		const values = formObject(await event.request.formData());
		const address = event.getClientAddress();
		const createOrganization = values.createOrganization === 'yes';
		let userId: string;
		try {
			({ userId } = await signUp(
				{
					email: values.email,
					displayName: values.displayName,
					password: values.password,
					timezone: values.timezone,
					locale: getLocale(),
					organization: createOrganization
						? { name: values.organizationName, kind: values.organizationKind }
						: undefined
				},
				{ address }
			));
		} catch (error) {
			return formFailure(error, values);
		}
		await openSession(event, userId);
		redirect(303, safeNext(values.next));
	}
};
