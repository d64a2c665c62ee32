import { endpoint, writeOf, written } from '$lib/server/http';
import { removeProvider, saveProvider } from '$lib/server/sso/providers';
import type { RequestHandler } from './$types';

/**
 * Sets the organization's OpenID Connect provider: { displayName, issuer, clientId,
 * clientSecret?, emailDomains, groupsClaim?, groupRoles?, defaultRole, requireSso }, on the
 * version of If-Match (or `version`) once it exists.
 */
export const PUT: RequestHandler = endpoint(async (event) => {
	const { context, body } = await writeOf(event);
	const { result, replayed } = await saveProvider(context.actor, event.params.id, body, context);
	return written(result, replayed);
});

/** Removes the provider: its members sign in with their passwords again. */
export const DELETE: RequestHandler = endpoint(async (event) => {
	const { context } = await writeOf(event, { optionalBody: true });
	const { result, replayed } = await removeProvider(context.actor, event.params.id, context);
	return written(result, replayed);
});
