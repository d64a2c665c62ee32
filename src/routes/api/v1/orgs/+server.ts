import { endpoint, writeOf, written } from '$lib/server/http';
import { createOrganization } from '$lib/server/organizations/commands';
import type { RequestHandler } from './$types';

/** Creates an organization, its creator its owner: { name, kind, clientMutationId? }. People only. */
export const POST: RequestHandler = endpoint(async (event) => {
	const { context, body } = await writeOf(event, { person: true });
	const { result, replayed } = await createOrganization(
		context.actor,
		body,
		context.clientMutationId
	);
	return written(result, replayed);
});
