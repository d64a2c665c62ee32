import { error, redirect } from '@sveltejs/kit';
import { assertWithinLimit, LIMITS } from '$lib/server/access/rate-limits';
import { isAppError } from '$lib/server/errors';
import { formFailure } from '$lib/server/http';
import { acceptInvite, readInvite } from '$lib/server/organizations/invites';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals, getClientAddress }) => {
	try {
		// Invite links are not to be guessed: opening them is rate limited per address.
		assertWithinLimit(`invite:${getClientAddress()}`, LIMITS.inviteLink, 'invite links opened');
		const invite = await readInvite(params.token);
		return {
			organizationName: invite.organization_name,
			role: invite.role,
			signedInAs: locals.user?.displayName ?? null
		};
	} catch (e) {
		if (isAppError(e)) error(e.status, e.message);
		throw e;
	}
};

export const actions: Actions = {
	default: async ({ params, locals, getClientAddress }) => {
		if (!locals.user) redirect(303, `/signin?next=/invite/${params.token}`);
		let organizationId: string;
		try {
			assertWithinLimit(`invite:${getClientAddress()}`, LIMITS.inviteLink, 'invite links opened');
			const actor = {
				userId: locals.user.id,
				name: locals.user.displayName,
				address: getClientAddress()
			};
			({ organizationId } = (await acceptInvite(actor, params.token)).result);
		} catch (e) {
			return formFailure(e);
		}
		redirect(303, `/orgs/${organizationId}`);
	}
};
