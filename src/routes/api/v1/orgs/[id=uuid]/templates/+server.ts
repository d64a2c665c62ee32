import { writeEndpoint } from '$lib/server/http';
import { listEndpoint } from '$lib/server/list-endpoint';
import { listTemplates } from '$lib/server/runbooks/template-queries';
import { createTemplate } from '$lib/server/runbooks/templates';
import type { RequestHandler } from './$types';

/** The organization's runbook templates, by name: ?limit=, ?cursor=. */
export const GET: RequestHandler = listEndpoint(
	(reader, { params }) => listTemplates(reader, params.id),
	(t) => [t.name, t.id]
);

/** Creates a template: { name, description?, body? } (body: { phases: [{ title, steps }] }). */
export const POST: RequestHandler = writeEndpoint((context, body, { params }) =>
	createTemplate(context, params.id, body)
);
