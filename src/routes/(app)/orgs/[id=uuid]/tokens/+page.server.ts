import { error } from '@sveltejs/kit';
import { createApiToken, listApiTokens, revokeApiToken } from '$lib/server/access/api-tokens';
import { isAppError } from '$lib/server/errors';
import { formFailure } from '$lib/server/http';
import { findOrganization } from '$lib/server/organizations/queries';
import { formObject } from '$lib/server/validation';
import { actorOf } from '$lib/server/form-action';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/access/require-user';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = async ({ locals, params }) => {
	requireUser(locals);
	try {
		const tokens = await listApiTokens({ userId: locals.user.id }, params.id);
		const organization = await findOrganization(params.id);
		if (!organization) error(404, m.err_org_not_found());
		return { organization, tokens };
	} catch (e) {
		if (isAppError(e)) error(e.status, e.message);
		throw e;
	}
};

export const actions: Actions = {
	create: async (event) => {
		const values = formObject(await event.request.formData());
		try {
			const created = await createApiToken(
				{ actor: actorOf(event), clientMutationId: values.clientMutationId || null },
				event.params.id,
				values
			);
			// Shown once: only its hash is kept.
			return { action: 'create', ok: true as const, token: created.token, name: created.name };
		} catch (e) {
			return formFailure(e, { ...values, action: 'create' });
		}
	},
	revoke: async (event) => {
		const values = formObject(await event.request.formData());
		try {
			await revokeApiToken({ actor: actorOf(event) }, event.params.id, values);
			return { action: 'revoke', ok: true as const };
		} catch (e) {
			return formFailure(e, { ...values, action: 'revoke' });
		}
	}
};
