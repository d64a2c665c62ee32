import { redirect } from '@sveltejs/kit';
import { formFailure } from '$lib/server/http';
import { actorOf, runFormAction } from '$lib/server/form-action';
import { readMailPreferences, setMailPreferences } from '$lib/server/mail/preferences';
import { smtpSettings } from '$lib/server/mail/settings';
import {
	changePassword,
	endOtherSessions,
	endOwnSession,
	updateProfile
} from '$lib/server/users/account';
import { listUserSessions } from '$lib/server/auth/session';
import { formObject } from '$lib/server/validation';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/access/require-user';

export const load: PageServerLoad = async ({ locals }) => {
	requireUser(locals);
	const current = locals.session?.id;
	const sessions = await listUserSessions(locals.user.id);
	return {
		profile: {
			displayName: locals.user.displayName,
			timezone: locals.user.timezone,
			locale: locals.user.locale
		},
		sessions: sessions.map((s) => ({ ...s, current: s.id === current })),
		mailPreferences: await readMailPreferences({ userId: locals.user.id }),
		mailConfigured: smtpSettings() !== null
	};
};

export const actions: Actions = {
	profile: (event) =>
		runFormAction(event, 'profile', async (actor, values) => {
			await updateProfile(actor.userId, values);
		}),
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
	},
	endSession: async ({ request, locals, getClientAddress }) => {
		requireUser(locals);
		const values = formObject(await request.formData());
		try {
			await endOwnSession(locals.user.id, values, getClientAddress());
			return { action: 'sessions', ok: true, ended: 1 };
		} catch (e) {
			return formFailure(e, { action: 'sessions' });
		}
	},
	mailPreferences: async (event) => {
		requireUser(event.locals);
		const values = formObject(await event.request.formData());
		try {
			await setMailPreferences({ actor: actorOf(event, { person: true }) }, values);
			return { action: 'mailPreferences', ok: true };
		} catch (e) {
			return formFailure(e, { ...values, action: 'mailPreferences' });
		}
	},
	endOtherSessions: async ({ locals, getClientAddress }) => {
		if (!locals.user || !locals.session) redirect(303, '/signin');
		const ended = await endOtherSessions(locals.user.id, locals.session.id, getClientAddress());
		return { action: 'sessions', ok: true, ended };
	}
};
