import { actorOf } from '$lib/server/access/actor-of';
import { redirect } from '@sveltejs/kit';
import { assertWithinLimit, limits } from '$lib/server/access/rate-limits';
import { openSession } from '$lib/server/auth/session';
import { formFailure } from '$lib/server/http';
import { pageFailure } from '$lib/server/page-load';
import { acceptInvite, readInvite } from '$lib/server/organizations/invites';
import { landingAfterJoining } from '$lib/server/organizations/landing';
import { signUp } from '$lib/server/users/sign-up';
import { formObject } from '$lib/server/validation';
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

// Invite links are not to be guessed: opening and using them is rate limited per address.
const limitInviteLinks = (address: string) =>
	assertWithinLimit(`invite:${address}`, limits().inviteLink, (seconds) =>
		m.err_too_many_invite_links({ seconds })
	);

export const load: PageServerLoad = async ({ params, locals, getClientAddress }) => {
	try {
		await limitInviteLinks(getClientAddress());
		const invite = await readInvite(params.token);
		return {
			organizationName: invite.organization_name,
			role: invite.role,
			email: invite.email,
			signedInAs: locals.user?.displayName ?? null
		};
	} catch (e) {
		pageFailure(e);
	}
};

export const actions: Actions = {
	/** A signed-in person joins with the account they have. */
	accept: async (event) => {
		const { params, locals, getClientAddress } = event;
		if (!locals.user) redirect(303, `/signin?next=/invite/${params.token}`);
		let organizationId: string;
		try {
			await limitInviteLinks(getClientAddress());
			({ organizationId } = (await acceptInvite(actorOf(event), params.token)).result);
		} catch (e) {
			return formFailure(e);
		}
		redirect(303, await landingAfterJoining(locals.user.id, organizationId));
	},
	/** Someone new creates their account and joins in the same step. */
	join: async (event) => {
		const values = formObject(await event.request.formData());
		const address = event.getClientAddress();
		let created: { userId: string; organizationId: string | null };
		try {
			await limitInviteLinks(address);
			created = await signUp(
				{
					email: values.email,
					displayName: values.displayName,
					password: values.password,
					timezone: values.timezone,
					locale: getLocale()
				},
				{ address, inviteToken: event.params.token }
			);
		} catch (e) {
			return formFailure(e, values);
		}
		await openSession(event, created.userId);
		redirect(
			303,
			created.organizationId
				? await landingAfterJoining(created.userId, created.organizationId)
				: '/dashboard'
		);
	}
};
