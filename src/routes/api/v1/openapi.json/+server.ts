import { json } from '@sveltejs/kit';
import { openApiDocument } from '$lib/server/openapi/document';
import type { RequestHandler } from './$types';

/** The OpenAPI 3.1 document of this API (public: it holds no data). */
export const GET: RequestHandler = ({ url }) => json(openApiDocument(url.origin));
