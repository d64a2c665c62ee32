import { randomUUID } from 'node:crypto';
import { createItem } from '../../../src/lib/server/inventory/commands';
import { attachServers } from '../../../src/lib/server/inventory/incident-servers';
import type { Sample, SampleContext } from './samples';
import { freshIncident } from './world';

/** Issue 11: the routes that write a night at its true times. */
const owner = (ctx: SampleContext) => ctx.world.people.merchant.owner;
const inc = (ctx: SampleContext) => ({ id: ctx.incidentId });
const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();

/** A tagged server of the caller's own side (one attaches one's own servers only). */
async function taggedItem(
	ctx: SampleContext,
	side = ctx.who.side
): Promise<{ itemId: string; tag: string }> {
	const tag = `cluster-${randomUUID().slice(0, 6)}`;
	const hostname = `node-${randomUUID().slice(0, 8)}`;
	const [actor, organizationId] =
		side === 'provider'
			? [ctx.world.people.provider.owner, ctx.world.provider]
			: [owner(ctx), ctx.world.merchant];
	const { itemId } = (await createItem({ actor }, organizationId, { hostname, tags: [tag] }))
		.result;
	return { itemId: String(itemId), tag };
}

export const NIGHT_SAMPLES: Record<string, Sample> = {
	'POST /api/v1/orgs/[id=uuid]/incidents': (ctx) => ({
		params: { id: ctx.world.merchant },
		json: { title: 'Shop down last night', severity: 'SEV1', detectedAt: minutesAgo(90) }
	}),
	'POST /api/v1/incidents/[id=uuid]/status': async (ctx) => ({
		params: {
			id: await freshIncident(owner(ctx), ctx.world.merchant, ctx.world.provider, ctx.shared)
		},
		json: { status: 'identified', occurredAt: minutesAgo(0), reason: 'Disk array' }
	}),
	'POST /api/v1/incidents/[id=uuid]/milestones': (ctx) => ({
		params: inc(ctx),
		json: { milestone: 'acknowledged', occurredAt: minutesAgo(0), reason: 'Sample' }
	}),
	'POST /api/v1/incidents/[id=uuid]/servers': async (ctx) => ({
		params: inc(ctx),
		json: { tag: (await taggedItem(ctx)).tag }
	}),
	'DELETE /api/v1/incidents/[id=uuid]/servers': async (ctx) => {
		const { itemId } = await taggedItem(ctx, 'merchant');
		await attachServers({ actor: owner(ctx) }, ctx.incidentId, { itemId });
		return { params: inc(ctx), json: { itemId, reason: 'Not affected after all' } };
	},
	'GET /api/v1/incidents/[id=uuid]/figures': (ctx) => ({ params: inc(ctx) }),
	'action /(app)/incidents/[id=uuid] milestone': (ctx) => ({
		params: inc(ctx),
		form: { milestone: 'acknowledged', occurredAt: minutesAgo(0), reason: 'Sample' }
	}),
	'action /(app)/incidents/[id=uuid] attachServers': async (ctx) => ({
		params: inc(ctx),
		form: { tag: (await taggedItem(ctx)).tag }
	}),
	'action /(app)/incidents/[id=uuid] detachServer': async (ctx) => {
		const { itemId } = await taggedItem(ctx, 'merchant');
		await attachServers({ actor: owner(ctx) }, ctx.incidentId, { itemId });
		return { params: inc(ctx), form: { itemId, reason: 'Not affected after all' } };
	}
};
