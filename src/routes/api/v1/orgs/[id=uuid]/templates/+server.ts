import { json } from '@sveltejs/kit';
import { endpoint, readerOf, writeEndpoint } from '$lib/server/http';
import { pageOfList } from '$lib/server/pagination';
import { listTemplates } from '$lib/server/runbooks/template-queries';
import { createTemplate } from '$lib/server/runbooks/templates';
import type { RequestHandler } from './$types';

/** The organization's runbook templates, by name: ?limit=, ?cursor=. */
export const GET: RequestHandler = endpoint(async (event) => {
	const templates = await listTemplates(readerOf(event), event.params.id);
	const query = Object.fromEntries(event.url.searchParams);
	return json(pageOfList(templates, query, (t) => [t.name, t.id]));
});

/** Creates a template: { name, description?, body? } (body: { phases: [{ title, steps }] }). */
export const POST: RequestHandler = writeEndpoint((context, body, { params }) =>
	createTemplate(context, params.id, body)
);
