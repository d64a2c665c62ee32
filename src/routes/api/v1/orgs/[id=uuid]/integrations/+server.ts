import { createIntegration, listIntegrations } from '$lib/server/alerts/integrations';
import { answer, endpoint, writeOf } from '$lib/server/http';
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
export const POST: RequestHandler = endpoint(async (event) => {
	const { context, body } = await writeOf(event);
	const created = await createIntegration(context, event.params.id, body);
	const url = created.path ? `${event.url.origin}${created.path}` : null;
	const { path: _, ...rest } = created;
	return answer({ ...rest, url, replayed: url === null }, url ? 201 : 200);
});
