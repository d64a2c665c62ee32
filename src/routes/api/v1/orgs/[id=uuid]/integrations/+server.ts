import { json } from '@sveltejs/kit';
import { createIntegration, listIntegrations } from '$lib/server/alerts/integrations';
import { apiActor, apiCommand, jsonFailure, readJsonObject } from '$lib/server/http';
import { pageOfList } from '$lib/server/pagination';
import type { RequestHandler } from './$types';

/** The organization's integrations (admins). */
export const GET: RequestHandler = async (event) => {
	try {
		const items = await listIntegrations(apiActor(event), event.params.id);
		const query = Object.fromEntries(event.url.searchParams);
		return json(pageOfList(items, query, (i) => [i.name, i.id]));
	} catch (error) {
		return jsonFailure(error);
	}
};

/**
 * Creates an integration: { kind, name, withBearer?, action?, defaultSeverity?, serverStatus?,
 * stormMinutes?, matchLabels?, clientMutationId? }. The answer holds its ingestion `url` (and
 * `bearer` secret), shown this once.
 */
export const POST: RequestHandler = async (event) => {
	try {
		const body = await readJsonObject(event.request);
		const created = await createIntegration(apiCommand(event, body), event.params.id, body);
		const url = created.path ? `${event.url.origin}${created.path}` : null;
		const { path: _, ...rest } = created;
		return json({ ...rest, url, replayed: url === null }, { status: url ? 201 : 200 });
	} catch (error) {
		return jsonFailure(error);
	}
};
