import { z } from 'zod';
import { SESSION_COOKIE } from '../auth/session';
import { errorBody } from './schemas';
import { OPERATIONS, type Operation } from './operations';

type Json = Record<string, unknown>;

const ERRORS: Record<number, string> = {
	400: 'Bad input: `fields` names each field refused; nothing was written.',
	401: 'No valid session or API token.',
	403: 'Your role may not do this.',
	404: 'Not found, or not visible to you.',
	409: 'Conflict: the thing changed since the version you sent.',
	413: 'The body is too large.',
	429: 'Too many requests: see Retry-After.'
};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Json {
	const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
	return rest;
}

/** Path parameters that are not UUIDs: an ingestion secret, a session's public id. */
const NOT_UUIDS = new Set(['secret', 'sessionId']);

function pathParameters(path: string): Json[] {
	return [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
		name,
		in: 'path',
		required: true,
		schema: NOT_UUIDS.has(name ?? '') ? { type: 'string' } : { type: 'string', format: 'uuid' }
	}));
}

function queryParameters(query: z.ZodObject | undefined): Json[] {
	if (!query) return [];
	const schema = jsonSchema(query, 'input') as {
		properties?: Record<string, Json>;
		required?: string[];
	};
	return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
		name,
		in: 'query',
		required: schema.required?.includes(name) ?? false,
		schema: property
	}));
}

function operationOf(op: Operation): Json {
	const responses: Json = {};
	for (const [status, schema] of Object.entries(op.responses)) {
		responses[status] = {
			description: status === '201' ? 'Written.' : status === '202' ? 'Accepted.' : 'OK.',
			content: { 'application/json': { schema: jsonSchema(schema, 'output') } }
		};
	}
	for (const [status, description] of Object.entries(ERRORS)) {
		responses[status] = {
			description,
			content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } }
		};
	}
	const parameters = [...pathParameters(op.path), ...queryParameters(op.query)];
	if (op.ifMatch) {
		parameters.push({
			name: 'If-Match',
			in: 'header',
			required: false,
			description: 'The version the change was made on ("3"); a stale one is a 409.',
			schema: { type: 'string' }
		});
	}
	return {
		operationId: `${op.method}${op.path.replace(/[{}]/g, '').replace(/[^a-zA-Z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
		tags: [op.tag],
		summary: op.summary,
		...(op.description ? { description: op.description } : {}),
		security: op.auth === 'public' || op.auth === 'secret' ? [] : [{ bearer: [] }, { session: [] }],
		parameters,
		...(op.body
			? {
					requestBody: {
						required: true,
						content: { 'application/json': { schema: jsonSchema(op.body, 'input') } }
					}
				}
			: {}),
		responses
	};
}

/** The OpenAPI 3.1 document of the JSON API, generated from the routes' own zod schemas. */
export function openApiDocument(serverUrl?: string): Json {
	const paths: Record<string, Json> = {};
	for (const op of OPERATIONS) {
		paths[op.path] = { ...(paths[op.path] ?? {}), [op.method]: operationOf(op) };
	}
	return {
		openapi: '3.1.0',
		info: {
			title: 'Nightshift API',
			version: '1',
			description:
				'Every write accepts `clientMutationId` (a UUID you generate: a retry is applied once). Lists answer `nextCursor`; pass it back as `cursor`. Refusals are `{ error: { code, message, fields } }`.'
		},
		...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
		paths,
		components: {
			schemas: { Error: jsonSchema(errorBody, 'output') },
			securitySchemes: {
				bearer: { type: 'http', scheme: 'bearer', description: 'An API token: nst_…' },
				session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE }
			}
		}
	};
}
