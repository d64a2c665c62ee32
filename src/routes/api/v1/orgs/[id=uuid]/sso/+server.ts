import { writeEndpoint } from '$lib/server/http';
import { removeProvider, saveProvider } from '$lib/server/sso/providers';
import type { RequestHandler } from './$types';

/**
 * Sets the organization's OpenID Connect provider: { displayName, issuer, clientId,
 * clientSecret?, emailDomains, groupsClaim?, groupRoles?, defaultRole, requireSso }, on the
 * version of If-Match (or `version`) once it exists.
 */
export const PUT: RequestHandler = writeEndpoint((context, body, { params }) =>
	saveProvider(context.actor, params.id, body, context)
);

/** Removes the provider: its members sign in with their passwords again. */
export const DELETE: RequestHandler = writeEndpoint(
	(context, _, { params }) => removeProvider(context.actor, params.id, context),
	{ optionalBody: true }
);
