import { readFileSync } from 'node:fs';
import { createIntegration } from '../../../src/lib/server/alerts/integrations';
import type { Sample, SampleContext } from './samples';

/** Samples for alert ingestion: integrations (pages and API), the alerts list, the ingestion URL. */

const owner = (ctx: SampleContext) => ctx.world.people.merchant.owner;
const org = (ctx: SampleContext) => ({ id: ctx.world.merchant });
const view = (ctx: SampleContext) => ({ params: org(ctx) });

async function freshIntegration(ctx: SampleContext) {
	return createIntegration({ actor: owner(ctx) }, ctx.world.merchant, {
		kind: 'alertmanager',
		name: 'Prometheus',
		action: 'list'
	});
}

const alertmanager = () =>
	JSON.parse(
		readFileSync(new URL('../../fixtures/alerts/alertmanager-v4.json', import.meta.url), 'utf8')
	) as unknown;

export const ALERT_SAMPLES: Record<string, Sample> = {
	'view /(app)/orgs/[id=uuid]/integrations': view,
	'action /(app)/orgs/[id=uuid]/integrations create': (ctx) => ({
		params: org(ctx),
		form: { name: 'Grafana', kind: 'grafana', action: 'list' }
	}),
	'action /(app)/orgs/[id=uuid]/integrations rules': async (ctx) => ({
		params: org(ctx),
		form: { integrationId: (await freshIntegration(ctx)).integrationId, action: 'attach' }
	}),
	'action /(app)/orgs/[id=uuid]/integrations revoke': async (ctx) => ({
		params: org(ctx),
		form: { integrationId: (await freshIntegration(ctx)).integrationId }
	}),
	'view /(app)/orgs/[id=uuid]/alerts': view,
	'GET /api/v1/orgs/[id=uuid]/alerts': (ctx) => ({ params: org(ctx), query: 'status=firing' }),
	'GET /api/v1/orgs/[id=uuid]/integrations': view,
	'POST /api/v1/orgs/[id=uuid]/integrations': (ctx) => ({
		params: org(ctx),
		json: { name: 'PagerDuty', kind: 'pagerduty' }
	}),
	'PATCH /api/v1/orgs/[id=uuid]/integrations/[integrationId=uuid]': async (ctx) => ({
		params: { ...org(ctx), integrationId: (await freshIntegration(ctx)).integrationId },
		json: { action: 'declare', serverStatus: 'down' }
	}),
	'DELETE /api/v1/orgs/[id=uuid]/integrations/[integrationId=uuid]': async (ctx) => ({
		params: { ...org(ctx), integrationId: (await freshIntegration(ctx)).integrationId },
		json: {}
	}),
	'GET /api/v1/openapi.json': () => ({ params: {} }),
	'view /docs/api': () => ({ params: {} }),
	'POST /mcp': () => ({
		params: {},
		headers: { accept: 'application/json, text/event-stream' },
		json: { jsonrpc: '2.0', id: 1, method: 'tools/list' }
	}),
	'POST /api/v1/ingest/[secret]': async (ctx) => ({
		params: { secret: ((await freshIntegration(ctx)).path ?? '').split('/').at(-1) ?? '' },
		json: alertmanager()
	})
};
