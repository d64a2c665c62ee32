import { exportName } from '$lib/postmortems/markdown';
import { loadAskedDocument } from '$lib/server/postmortems/asked-document';
import { chartSvgFile } from '$lib/server/postmortems/chart-svg';
import type { RequestHandler } from './$types';

/** The post-mortem's timeline chart as an SVG file: the Markdown export's picture. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const document = await loadAskedDocument(locals, url, params.id);
	return new Response(chartSvgFile(document.chart), {
		headers: {
			'content-type': 'image/svg+xml; charset=utf-8',
			'content-disposition': `inline; filename="${exportName(document, 'svg')}"`,
			// A picture: no script, its inline styles only, even when opened on its own.
			'content-security-policy':
				"default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'"
		}
	});
};
