import { json } from '@sveltejs/kit';
import { findProvidersForEmail } from '$lib/server/sso/providers';
import type { RequestHandler } from './$types';

/** The providers that sign in people of an e-mail's domain: what the sign-in page offers. */
export const GET: RequestHandler = async ({ url }) => {
	const email = (url.searchParams.get('email') ?? '').trim().toLowerCase().slice(0, 320);
	const providers = await findProvidersForEmail(email);
	return json({
		providers: providers.map((p) => ({
			id: p.id,
			name: p.displayName,
			organization: p.organizationName
		}))
	});
};
