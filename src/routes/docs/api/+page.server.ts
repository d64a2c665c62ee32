import { openApiDocument } from '$lib/server/openapi/document';
import { OPERATIONS } from '$lib/server/openapi/operations';
import type { PageServerLoad } from './$types';

interface Rendered {
	method: string;
	path: string;
	tag: string;
	summary: string;
	description: string | null;
	parameters: { name: string; in: string; required: boolean }[];
	body: string | null;
	responses: { status: string; description: string; schema: string | null }[];
}

/**
 * The API reference, rendered on the server from the OpenAPI document itself: no script, no
 * outside resource, so it works under the CSP and offline.
 */
export const load: PageServerLoad = ({ url }) => {
	const document = openApiDocument(url.origin) as {
		paths: Record<string, Record<string, Record<string, unknown>>>;
	};
	const operations: Rendered[] = OPERATIONS.map((op) => {
		const spec = document.paths[op.path]?.[op.method] ?? {};
		const responses = Object.entries(
			(spec.responses ?? {}) as Record<string, Record<string, unknown>>
		);
		const schemaOf = (r: Record<string, unknown>) => {
			const content = r.content as Record<string, { schema: unknown }> | undefined;
			const schema = content?.['application/json']?.schema;
			return schema ? JSON.stringify(schema, null, 2) : null;
		};
		const body = spec.requestBody as Record<string, unknown> | undefined;
		return {
			method: op.method.toUpperCase(),
			path: op.path,
			tag: op.tag,
			summary: op.summary,
			description: op.description ?? null,
			parameters: (
				(spec.parameters ?? []) as { name: string; in: string; required: boolean }[]
			).map((p) => ({ name: p.name, in: p.in, required: p.required })),
			body: body ? schemaOf(body) : null,
			responses: responses
				.filter(([status]) => status.startsWith('2'))
				.map(([status, r]) => ({
					status,
					description: String(r.description ?? ''),
					schema: schemaOf(r)
				}))
		};
	});
	return { operations, tags: [...new Set(OPERATIONS.map((o) => o.tag))] };
};
