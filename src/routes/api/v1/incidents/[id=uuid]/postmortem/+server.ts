import { json } from '@sveltejs/kit';
import { toMarkdown } from '$lib/postmortems/markdown';
import { endpoint, readerOf, writeEndpoint } from '$lib/server/http';
import { createPostmortem } from '$lib/server/postmortems/commands';
import { askedVersion, readPostmortemDocument } from '$lib/server/postmortems/page';
import type { RequestHandler } from './$types';

/** The post-mortem exported as Markdown (?version=n for a published version), with its status. */
export const GET: RequestHandler = endpoint(async (event) => {
	const reader = readerOf(event);
	const document = await readPostmortemDocument(reader, event.params.id, {
		timezone: reader.timezone,
		locale: event.locals.user?.locale ?? 'en',
		version: askedVersion(event.url)
	});
	return json({ incidentId: event.params.id, markdown: toMarkdown(document) });
});

/** Starts the post-mortem of a resolved incident, drafted from its timeline. */
export const POST: RequestHandler = writeEndpoint(
	(context, _, { params }) => createPostmortem(context, params.id),
	{ optionalBody: true }
);
