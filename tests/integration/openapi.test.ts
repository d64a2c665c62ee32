import { describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../src/lib/server/openapi/operations';
import { call } from './harness/dispatch';
import { discoverHandlers } from './harness/routes';
import { useTestDatabase } from './setup';

useTestDatabase();

describe('the OpenAPI document', () => {
	it('documents every handler under src/routes/api, and nothing else', async () => {
		const api = (await discoverHandlers()).filter(
			(h) => h.kind === 'endpoint' && h.routeId.startsWith('/api/')
		);
		const keys = api.map((h) => (h.kind === 'endpoint' ? `${h.method} ${h.routeId}` : ''));
		const documented = OPERATIONS.map((o) => `${o.method.toUpperCase()} ${o.routeId}`);
		expect(
			keys.filter((k) => !documented.includes(k)),
			'missing from operations.ts'
		).toEqual([]);
		expect(
			documented.filter((k) => !keys.includes(k)),
			'documented without a route'
		).toEqual([]);
	});

	it('is served at GET /api/v1/openapi.json as OpenAPI 3.1, for anyone', async () => {
		const handler = {
			kind: 'endpoint' as const,
			key: 'GET /api/v1/openapi.json',
			routeId: '/api/v1/openapi.json',
			method: 'GET'
		};
		const answer = await call(handler, { params: {} });
		expect(answer.status).toBe(200);
		const document = JSON.parse(answer.body);
		expect(document.openapi).toBe('3.1.0');
		expect(Object.keys(document.paths)).toContain('/api/v1/orgs/{id}/alerts');
		const post = document.paths['/api/v1/orgs/{id}/integrations'].post;
		expect(post.requestBody.content['application/json'].schema).toBeDefined();
		expect(JSON.stringify(post.requestBody)).toContain('alertmanager');
	});
});
