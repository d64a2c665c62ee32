import { loadAskedDocument } from '$lib/server/postmortems/asked-document';
import type { PageServerLoad } from './$types';

// A document, not an app: rendered on the server, no script sent.
export const csr = false;

/** The post-mortem laid out for print (or PDF), the same version the page shows. */
export const load: PageServerLoad = async ({ locals, params, url }) => ({
	document: await loadAskedDocument(locals, url, params.id),
	query: url.search
});
