import { authorize } from '$lib/server/access/authorize';
import { runFormAction } from '$lib/server/form-action';
import { organizationPage } from '$lib/server/page-load';
import { CALLBACK_PATH } from '$lib/server/sso/client';
import { findOrganizationProvider, removeProvider, saveProvider } from '$lib/server/sso/providers';
import { secretKey } from '$lib/server/sso/secret-box';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	organizationPage(event, async (reader, organizationId) => {
		await authorize(reader, organizationId, 'sso.manage');
		const { origin } = event.url;
		const provider = await findOrganizationProvider(organizationId);
		return {
			redirectUri: `${origin}${CALLBACK_PATH}`,
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
				link: `${origin}/sso/${provider.id}`
			}
		};
	});

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
