import { readFileSync } from 'node:fs';
import { createIntegration } from '../../src/lib/server/alerts/integrations';
import { call, type Answer } from './harness/dispatch';
import type { Handler } from './harness/routes';
import type { Actor } from '../../src/lib/server/access/actor';

/** The official example payloads of tests/fixtures/alerts, parsed afresh for each use. */
export function fixture(name: string): Record<string, unknown> {
	return JSON.parse(
		readFileSync(new URL(`../fixtures/alerts/${name}.json`, import.meta.url), 'utf8')
	) as Record<string, unknown>;
}

const INGEST: Handler = {
	kind: 'endpoint',
	key: 'POST /api/v1/ingest/[secret]',
	routeId: '/api/v1/ingest/[secret]',
	method: 'POST'
};

/** Posts a payload to an ingestion path through the app's real hook, as monitoring would. */
export async function post(path: string, payload: unknown, bearer?: string): Promise<Answer> {
	const secret = path.split('/').at(-1) ?? '';
	return call(INGEST, { params: { secret }, json: payload }, { bearer: bearer ?? null });
}

export async function newIntegration(
	admin: Actor,
	organizationId: string,
	input: Record<string, unknown>
) {
	const created = await createIntegration({ actor: admin }, organizationId, input);
	if (!created.path) throw new Error('no ingestion path');
	return { ...created, path: created.path };
}
