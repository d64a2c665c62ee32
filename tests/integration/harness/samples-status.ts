import { randomUUID } from 'node:crypto';
import { hashSecret, randomSecret } from '../../../src/lib/server/auth/tokens';
import { db } from '../../../src/lib/server/db/db';
import { saveStatusPage } from '../../../src/lib/server/status/commands';
import { scheduleMaintenance } from '../../../src/lib/server/status/maintenances';
import type { Sample, SampleContext } from './samples';
import { freshItem } from './world';

/** Samples for the public status page, its settings and the room's public updates. */

const owner = (ctx: SampleContext) => ctx.world.people.merchant.owner;
const org = (ctx: SampleContext) => ({ id: ctx.world.merchant });

/** The merchant's page, public, with one component: opened on first use, reopened if closed. */
export async function merchantPage(ctx: SampleContext): Promise<{ slug: string }> {
	const [page] = await db()<{ slug: string; enabled: boolean; components: number }[]>`
		select slug, enabled,
			(select count(*)::int from status_components c where c.organization_id = p.organization_id) as components
		from status_pages p where organization_id = ${ctx.world.merchant}`;
	if (page?.enabled && page.components > 0) return { slug: page.slug };
	const slug = page?.slug ?? `shop-${randomUUID().slice(0, 8)}`;
	const itemId = await freshItem(owner(ctx), ctx.world.merchant);
	await saveStatusPage({ actor: owner(ctx) }, ctx.world.merchant, {
		enabled: true,
		slug,
		title: 'Petit Nuage status',
		components: [{ itemId, name: 'Payment pages', state: 'operational' }]
	});
	return { slug };
}

async function subscriber(ctx: SampleContext, confirmed: boolean) {
	const { slug } = await merchantPage(ctx);
	const token = randomSecret(24);
	await db()`
		insert into status_subscribers (organization_id, email, token_hash, confirmed_at, unsubscribe_token)
		values (${ctx.world.merchant}, ${`sub-${randomUUID().slice(0, 8)}@example.com`}, ${hashSecret(token)},
			${confirmed ? new Date() : null}, ${confirmed ? randomSecret(24) : null})`;
	return { params: { slug, token } };
}

const publicView = async (ctx: SampleContext) => ({ params: await merchantPage(ctx) });

async function componentId(ctx: SampleContext): Promise<string> {
	await merchantPage(ctx);
	const [row] = await db()<{ id: string }[]>`
		select id from status_components where organization_id = ${ctx.world.merchant} limit 1`;
	return row?.id ?? '';
}

async function pageBody(ctx: SampleContext) {
	const { slug } = await merchantPage(ctx);
	const [row] = await db()<{ item_id: string }[]>`
		select item_id from status_components where organization_id = ${ctx.world.merchant} limit 1`;
	return {
		enabled: 'on',
		slug,
		title: 'Petit Nuage status',
		itemId: row?.item_id ?? ''
	};
}

const HOUR = 60 * 60 * 1000;
const inHours = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();

/** A maintenance of the merchant's page, fresh for each sample (one may cancel it). */
async function freshMaintenance(ctx: SampleContext) {
	await merchantPage(ctx);
	const { result } = await scheduleMaintenance({ actor: owner(ctx) }, ctx.world.merchant, {
		name: 'Database upgrade',
		body: 'Payments may be slow for a few minutes.',
		scheduledFor: inHours(24),
		scheduledUntil: inHours(26),
		components: [await componentId(ctx)]
	});
	return { params: { ...org(ctx), maintenanceId: result.maintenanceId }, id: result.maintenanceId };
}

/** The scraper's token (set here: the route reads the configuration on each scrape). */
export const METRICS_TEST_TOKEN = 'metrics-token-for-the-tests';

export const STATUS_SAMPLES: Record<string, Sample> = {
	'GET /metrics': () => {
		process.env.METRICS_TOKEN = METRICS_TEST_TOKEN;
		return { params: {}, headers: { authorization: `Bearer ${METRICS_TEST_TOKEN}` } };
	},
	'view /status/[slug]': publicView,
	'action /status/[slug] subscribe': async (ctx) => ({
		params: await merchantPage(ctx),
		form: { email: `visitor-${randomUUID().slice(0, 8)}@example.com` }
	}),
	'GET /status/[slug]/api/v2/summary.json': publicView,
	'GET /status/[slug]/api/v2/status.json': publicView,
	'GET /status/[slug]/history.atom': publicView,
	'GET /status/[slug]/history.rss': publicView,
	'view /status/[slug]/subscription/[token]': (ctx) => subscriber(ctx, false),
	'action /status/[slug]/subscription/[token] confirm': (ctx) => subscriber(ctx, false),
	'action /status/[slug]/subscription/[token] unsubscribe': (ctx) => subscriber(ctx, true),
	'view /(app)/orgs/[id=uuid]/status-page': (ctx) => ({ params: org(ctx) }),
	'action /(app)/orgs/[id=uuid]/status-page save': async (ctx) => {
		const body = await pageBody(ctx);
		return {
			params: org(ctx),
			form: {
				enabled: body.enabled,
				slug: body.slug,
				title: body.title,
				[`public.${body.itemId}`]: 'on',
				[`name.${body.itemId}`]: 'Payment pages',
				[`state.${body.itemId}`]: 'operational'
			}
		};
	},
	'GET /api/v1/orgs/[id=uuid]/status-page': (ctx) => ({ params: org(ctx) }),
	'PUT /api/v1/orgs/[id=uuid]/status-page': async (ctx) => {
		const body = await pageBody(ctx);
		return {
			params: org(ctx),
			json: {
				enabled: true,
				slug: body.slug,
				title: body.title,
				components: [{ itemId: body.itemId, name: 'Payment pages', state: 'operational' }]
			}
		};
	},
	'action /(app)/orgs/[id=uuid]/status-page schedule': async (ctx) => ({
		params: org(ctx),
		form: {
			name: 'Network maintenance',
			body: 'The shop may be unreachable for a minute.',
			scheduledFor: inHours(48).slice(0, 16),
			scheduledUntil: inHours(49).slice(0, 16),
			[`component.${await componentId(ctx)}`]: 'on'
		}
	}),
	'action /(app)/orgs/[id=uuid]/status-page maintenance': async (ctx) => {
		const { id } = await freshMaintenance(ctx);
		return {
			params: org(ctx),
			form: { maintenanceId: id, status: 'in_progress', body: 'Started early.' }
		};
	},
	'action /(app)/orgs/[id=uuid]/status-page cancelMaintenance': async (ctx) => {
		const { id } = await freshMaintenance(ctx);
		return { params: org(ctx), form: { maintenanceId: id } };
	},
	'POST /api/v1/orgs/[id=uuid]/status-page/maintenances': async (ctx) => ({
		params: org(ctx),
		json: {
			name: 'Database upgrade',
			body: 'Payments may be slow for a few minutes.',
			scheduledFor: inHours(24),
			scheduledUntil: inHours(25),
			components: [await componentId(ctx)]
		}
	}),
	'PATCH /api/v1/orgs/[id=uuid]/status-page/maintenances/[maintenanceId=uuid]': async (ctx) => ({
		params: (await freshMaintenance(ctx)).params,
		json: { status: 'in_progress', body: 'The work has started.' }
	}),
	'DELETE /api/v1/orgs/[id=uuid]/status-page/maintenances/[maintenanceId=uuid]': async (ctx) => ({
		params: (await freshMaintenance(ctx)).params
	}),
	'action /(app)/incidents/[id=uuid] publicUpdate': async (ctx) => ({
		params: { id: ctx.incidentId },
		form: {
			name: 'Payment pages unavailable',
			phase: 'investigating',
			impact: 'major',
			body: 'We are looking into it.',
			[`state.${await componentId(ctx)}`]: 'major_outage'
		}
	}),
	'POST /api/v1/incidents/[id=uuid]/public-updates': async (ctx) => ({
		params: { id: ctx.incidentId },
		json: {
			name: 'Payment pages unavailable',
			phase: 'identified',
			body: 'The cause is found; the servers are being rebuilt.',
			components: [{ componentId: await componentId(ctx), state: 'partial_outage' }]
		}
	})
};
