import { createIntegration, listIntegrations } from '$lib/server/alerts/integrations';
import { writeEndpoint } from '$lib/server/http';
import { listEndpoint } from '$lib/server/list-endpoint';
import type { RequestHandler } from './$types';

/** The organization's integrations (admins). */
export const GET: RequestHandler = listEndpoint(
	(reader, { params }) => listIntegrations(reader, params.id),
	(i) => [i.name, i.id]
);

/**
 * Creates an integration: { kind, name, withBearer?, action?, defaultSeverity?, serverStatus?,
 * stormMinutes?, matchLabels?, clientMutationId? }. The answer holds its ingestion `url` (and
 * `bearer` secret), shown this once.
 */
export const POST: RequestHandler = writeEndpoint(async (context, body, { params, url }) => {
	const { path, ...created } = await createIntegration(context, params.id, body);
	// Only a new integration has its secret path: a replay has no address to show.
	const address = path ? `${url.origin}${path}` : null;
	return { result: { ...created, url: address }, replayed: address === null };
});
