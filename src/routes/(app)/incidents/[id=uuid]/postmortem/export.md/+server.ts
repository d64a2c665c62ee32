import { exportName, toMarkdown } from '$lib/postmortems/markdown';
import { loadAskedDocument } from '$lib/server/postmortems/asked-document';
import type { RequestHandler } from './$types';

/** The post-mortem as a Markdown file to paste into a wiki. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const document = await loadAskedDocument(locals, url, params.id);
	return new Response(toMarkdown(document), {
		headers: {
			'content-type': 'text/markdown; charset=utf-8',
			'content-disposition': `attachment; filename="${exportName(document, 'md')}"`
		}
	});
};
