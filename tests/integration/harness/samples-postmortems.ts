import { db } from '../../../src/lib/server/db/db';
import { changeIncidentStatus, declareIncident } from '../../../src/lib/server/incidents/commands';
import { shareAccepted } from './consent';
import { addActionItem } from '../../../src/lib/server/postmortems/action-items';
import { createPostmortem } from '../../../src/lib/server/postmortems/commands';
import type { SampleContext, Sample } from './samples';
import { freshIncident } from './world';

/** Samples for post-mortems, action items and drills (see samples.ts for what a sample is). */

const owner = (ctx: SampleContext) => ctx.world.people.merchant.owner;

/** A resolved incident (shared with the hoster when the target is), with a post-mortem or not. */
async function resolved(ctx: SampleContext, withPostmortem: boolean): Promise<string> {
	const incidentId = await freshIncident(
		owner(ctx),
		ctx.world.merchant,
		ctx.world.provider,
		ctx.shared
	);
	await changeIncidentStatus({ actor: owner(ctx) }, incidentId, { status: 'resolved' });
	if (withPostmortem) await createPostmortem({ actor: owner(ctx) }, incidentId);
	return incidentId;
}

async function drill(ctx: SampleContext): Promise<string> {
	const { incidentId } = (
		await declareIncident({ actor: owner(ctx) }, ctx.world.merchant, {
			title: 'Drill: rebuild',
			severity: 'SEV2',
			mode: 'drill'
		})
	).result;
	if (ctx.shared) {
		await shareAccepted(owner(ctx), incidentId, ctx.world.provider);
	}
	return incidentId;
}

async function actionItem(ctx: SampleContext) {
	const incidentId = await resolved(ctx, true);
	const { id, version } = (
		await addActionItem({ actor: owner(ctx) }, incidentId, {
			title: 'Alert on degraded RAID',
			ownerId: owner(ctx).userId,
			dueOn: '2031-01-15'
		})
	).result;
	return { incidentId, itemId: String(id), version: String(version) };
}

async function sectionVersion(incidentId: string): Promise<string> {
	const [row] = await db()<{ version: number }[]>`
		select version from postmortem_sections where incident_id = ${incidentId} and key = 'summary'`;
	return String(row?.version ?? 1);
}

export const POSTMORTEM_SAMPLES: Record<string, Sample> = {
	'view /(app)/incidents/[id=uuid]/postmortem': async (ctx) => ({
		params: { id: await resolved(ctx, true) }
	}),
	'GET /(app)/incidents/[id=uuid]/postmortem/export.md': async (ctx) => ({
		params: { id: await resolved(ctx, true) }
	}),
	'GET /(app)/incidents/[id=uuid]/postmortem/chart.svg': async (ctx) => ({
		params: { id: await resolved(ctx, true) }
	}),
	'view /(app)/incidents/[id=uuid]/postmortem/print': async (ctx) => ({
		params: { id: await resolved(ctx, true) }
	}),
	'action /(app)/incidents/[id=uuid]/postmortem create': async (ctx) => ({
		params: { id: await resolved(ctx, false) },
		form: {}
	}),
	'action /(app)/incidents/[id=uuid]/postmortem section': async (ctx) => {
		const id = await resolved(ctx, true);
		return {
			params: { id },
			form: { key: 'summary', body: 'The shop was down.', baseVersion: await sectionVersion(id) }
		};
	},
	'action /(app)/incidents/[id=uuid]/postmortem refresh': async (ctx) => ({
		params: { id: await resolved(ctx, true) },
		form: {}
	}),
	'action /(app)/incidents/[id=uuid]/postmortem move': async (ctx) => ({
		params: { id: await resolved(ctx, true) },
		form: { to: 'in_review' }
	}),
	'action /(app)/incidents/[id=uuid]/postmortem addItem': async (ctx) => ({
		params: { id: await resolved(ctx, true) },
		form: { title: 'Add a spare PSU', ownerId: owner(ctx).userId, dueOn: '2031-02-01' }
	}),
	'action /(app)/incidents/[id=uuid]/postmortem changeItem': async (ctx) => {
		const item = await actionItem(ctx);
		return {
			params: { id: item.incidentId },
			form: { itemId: item.itemId, version: item.version, status: 'in_progress' }
		};
	},
	'action /(app)/incidents/[id=uuid]/postmortem removeItem': async (ctx) => {
		const item = await actionItem(ctx);
		return { params: { id: item.incidentId }, form: { itemId: item.itemId } };
	},
	'view /(app)/action-items': () => ({ params: {} }),
	'action /(app)/action-items status': async (ctx) => {
		const item = await actionItem(ctx);
		return { params: {}, form: { itemId: item.itemId, version: item.version, status: 'done' } };
	},
	'view /(app)/incidents/[id=uuid]/scorecard': async (ctx) => ({
		params: { id: await drill(ctx) }
	}),
	'action /(app)/incidents/[id=uuid]/scorecard end': async (ctx) => ({
		params: { id: await drill(ctx) },
		form: {}
	}),
	'view /(app)/orgs/[id=uuid]/templates/[templateId=uuid]/drill': (ctx) => ({
		params: { id: ctx.world.merchant, templateId: ctx.world.templateId }
	}),
	'action /(app)/orgs/[id=uuid]/templates/[templateId=uuid]/drill start': (ctx) => ({
		params: { id: ctx.world.merchant, templateId: ctx.world.templateId },
		form: { title: 'Rehearsal', severity: 'SEV2' }
	})
};
