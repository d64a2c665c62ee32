import { requestPasswordReset } from '$lib/server/auth/password-reset';
import { formFailure } from '$lib/server/http';
import { smtpSettings } from '$lib/server/mail/settings';
import { formObject } from '$lib/server/validation';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({ mailConfigured: smtpSettings() !== null });

export const actions: Actions = {
	default: async ({ request, getClientAddress }) => {
		const values = formObject(await request.formData());
		// Without SMTP nothing can be sent: the page says whom to ask instead (no error: nothing
		// went wrong with what was typed).
		if (smtpSettings() === null) return { ok: false as const, mailConfigured: false };
		try {
			await requestPasswordReset(values, getClientAddress());
			// The same answer whether an account has this address or not.
			return { ok: true as const, email: values.email ?? '' };
		} catch (e) {
			return formFailure(e, values);
		}
	}
};
