import { error } from '@sveltejs/kit';
import { authorize } from '$lib/server/access/authorize';
import { isAppError } from '$lib/server/errors';
import { runFormAction } from '$lib/server/form-action';
import { findOrganization } from '$lib/server/organizations/queries';
import { CALLBACK_PATH } from '$lib/server/sso/client';
import { findOrganizationProvider, removeProvider, saveProvider } from '$lib/server/sso/providers';
import { secretKey } from '$lib/server/sso/secret-box';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/access/require-user';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	requireUser(locals);
	try {
		await authorize({ userId: locals.user.id }, params.id, 'sso.manage');
	} catch (e) {
		if (isAppError(e)) error(e.status, e.message);
		throw e;
	}
	const organization = await findOrganization(params.id);
	if (!organization) error(404, m.err_org_not_found());
	const provider = await findOrganizationProvider(params.id);
	return {
		organization,
		redirectUri: `${url.origin}${CALLBACK_PATH}`,
		canStoreSecrets: secretKey() !== null,
		provider: provider && {
			id: provider.id,
			displayName: provider.displayName,
			issuer: provider.issuer,
			clientId: provider.clientId,
			hasSecret: provider.clientSecretEncrypted !== null,
			emailDomains: provider.emailDomains.join(', '),
			groupsClaim: provider.groupsClaim,
			groupRoles: provider.groupRoles.map((g) => `${g.group} = ${g.role}`).join('\n'),
			defaultRole: provider.defaultRole ?? '',
			requireSso: provider.requireSso,
			version: provider.version,
			link: `${url.origin}/sso/${provider.id}`
		}
	};
};

export const actions: Actions = {
	save: (event) =>
		runFormAction(event, 'save', async (actor, values) => {
			await saveProvider(actor, event.params.id, values);
		}),
	remove: (event) =>
		runFormAction(event, 'remove', async (actor) => {
			await removeProvider(actor, event.params.id);
		})
};
