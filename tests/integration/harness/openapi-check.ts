import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { openApiDocument } from '../../../src/lib/server/openapi/document';
import { OPERATIONS } from '../../../src/lib/server/openapi/operations';
import type { Handler } from './routes';

/**
 * Checks an answer of the JSON API against the OpenAPI document (the served one, through
 * ajv, not the zod schemas it was generated from): its status must be documented for the
 * operation and its body must match the schema given for that status.
 */
const document = openApiDocument();
const ajv = new Ajv2020({ strict: false, allErrors: false });
addFormats.default(ajv);
ajv.addSchema({ $id: 'nightshift', components: document.components } as object, 'nightshift');
const cache = new Map<string, ValidateFunction>();

type Json = Record<string, unknown>;

function validatorFor(path: string, method: string, status: string): ValidateFunction | null {
	const key = `${method} ${path} ${status}`;
	const cached = cache.get(key);
	if (cached) return cached;
	const paths = document.paths as Record<string, Record<string, Json>>;
	const responses = paths[path]?.[method]?.responses as Record<string, Json> | undefined;
	const content = responses?.[status]?.content as Record<string, { schema: Json }> | undefined;
	const schema = content?.['application/json']?.schema;
	if (!schema) return null;
	const fixed = JSON.parse(
		JSON.stringify(schema).replaceAll('"#/components/', '"nightshift#/components/')
	);
	const validate = ajv.compile(fixed);
	cache.set(key, validate);
	return validate;
}

/** null when the answer is as documented, else what is wrong. */
export function undocumented(handler: Handler, status: number, body: string): string | null {
	if (handler.kind !== 'endpoint' || !handler.routeId.startsWith('/api/')) return null;
	const method = handler.method.toLowerCase();
	const op = OPERATIONS.find((o) => o.routeId === handler.routeId && o.method === method);
	if (!op) return `${handler.key} is not in the OpenAPI document`;
	const validate = validatorFor(op.path, method, String(status));
	if (!validate) return `${handler.key} answered ${status}, a status the document does not give`;
	let parsed: unknown;
	try {
		parsed = JSON.parse(body);
	} catch {
		return `${handler.key} answered ${status} with a body that is not JSON`;
	}
	if (validate(parsed)) return null;
	return `${handler.key} answered ${status} unlike the document: ${ajv.errorsText(validate.errors)} in ${body.slice(0, 300)}`;
}
