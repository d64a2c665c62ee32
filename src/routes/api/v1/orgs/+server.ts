import { writeEndpoint } from '$lib/server/http';
import { createOrganization } from '$lib/server/organizations/commands';
import type { RequestHandler } from './$types';

/** Creates an organization, its creator its owner: { name, kind, clientMutationId? }. People only. */
export const POST: RequestHandler = writeEndpoint(
	(context, body) => createOrganization(context.actor, body, context.clientMutationId),
	{ person: true }
);
