import { json } from '@sveltejs/kit';
import { toMarkdown } from '$lib/postmortems/markdown';
import { endpoint, readerOf, writeOf, written } from '$lib/server/http';
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
export const POST: RequestHandler = endpoint(async (event) => {
	const { context } = await writeOf(event, { optionalBody: true });
	const { result, replayed } = await createPostmortem(context, event.params.id);
	return written(result, replayed);
});
