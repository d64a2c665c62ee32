import { readFileSync } from 'node:fs';
import { createIntegration } from '../../../src/lib/server/alerts/integrations';
import { db } from '../../../src/lib/server/db/db';
import { createEndpoint } from '../../../src/lib/server/webhooks/endpoints';
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

async function freshEndpoint(ctx: SampleContext): Promise<string> {
	const created = await createEndpoint({ actor: owner(ctx) }, ctx.world.merchant, {
		name: 'Receiver',
		url: 'https://hooks.example.test/nightshift',
		groups: 'incident,runbook'
	});
	return created.endpointId;
}

/** An endpoint with one delivery in its log (not queued: nothing is sent in the test). */
async function freshDelivery(ctx: SampleContext) {
	const endpointId = await freshEndpoint(ctx);
	const [row] = await db()<{ id: string }[]>`
		insert into webhook_deliveries (endpoint_id, message_id, event_kind, body, status, attempts)
		values (${endpointId}, ${`evt_sample_${endpointId}`}, 'incident.declared', '{}', 'failed', 1)
		returning id`;
	return { id: ctx.world.merchant, endpointId, deliveryId: row?.id ?? '' };
}

const hook = async (ctx: SampleContext) => ({
	params: { ...org(ctx), endpointId: await freshEndpoint(ctx) }
});

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
	'view /(app)/orgs/[id=uuid]/webhooks': view,
	'action /(app)/orgs/[id=uuid]/webhooks create': (ctx) => ({
		params: org(ctx),
		form: {
			name: 'Chat',
			url: 'https://chat.example.test/hooks/1',
			flavour: 'chat',
			groups: 'incident'
		}
	}),
	'view /(app)/orgs/[id=uuid]/webhooks/[endpointId=uuid]': hook,
	'action /(app)/orgs/[id=uuid]/webhooks/[endpointId=uuid] update': async (ctx) => ({
		...(await hook(ctx)),
		form: { name: 'Renamed', groups: 'timeline' }
	}),
	'action /(app)/orgs/[id=uuid]/webhooks/[endpointId=uuid] toggle': async (ctx) => ({
		...(await hook(ctx)),
		form: { enabled: 'false' }
	}),
	'action /(app)/orgs/[id=uuid]/webhooks/[endpointId=uuid] rotate': hook,
	'action /(app)/orgs/[id=uuid]/webhooks/[endpointId=uuid] redeliver': async (ctx) => {
		const { deliveryId, ...params } = await freshDelivery(ctx);
		return { params, form: { deliveryId } };
	},
	'action /(app)/orgs/[id=uuid]/webhooks/[endpointId=uuid] delete': hook,
	'GET /api/v1/orgs/[id=uuid]/webhooks': view,
	'POST /api/v1/orgs/[id=uuid]/webhooks': (ctx) => ({
		params: org(ctx),
		json: { name: 'SIEM', url: 'https://siem.example.test/in', groups: ['incident', 'alerts'] }
	}),
	'GET /api/v1/orgs/[id=uuid]/webhooks/[endpointId=uuid]': hook,
	'PATCH /api/v1/orgs/[id=uuid]/webhooks/[endpointId=uuid]': async (ctx) => ({
		...(await hook(ctx)),
		json: { enabled: false }
	}),
	'DELETE /api/v1/orgs/[id=uuid]/webhooks/[endpointId=uuid]': async (ctx) => ({
		...(await hook(ctx)),
		json: {}
	}),
	'POST /api/v1/orgs/[id=uuid]/webhooks/[endpointId=uuid]/secret': async (ctx) => ({
		...(await hook(ctx)),
		json: {}
	}),
	'POST /api/v1/orgs/[id=uuid]/webhooks/[endpointId=uuid]/deliveries/[deliveryId=uuid]/redeliver':
		async (ctx) => ({ params: await freshDelivery(ctx), json: {} }),
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
