import { describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/lib/server/access/api-tokens';
import { db } from '../../src/lib/server/db/db';
import { createItem } from '../../src/lib/server/inventory/commands';
import { call } from './harness/dispatch';
import { endpointHandler } from './harness/routes';
import { newOrganization, newUser, useTestDatabase } from './setup';

useTestDatabase();

const DECLARE = endpointHandler('POST', '/api/v1/orgs/[id=uuid]/incidents');
const STATUS = endpointHandler('POST', '/api/v1/incidents/[id=uuid]/status');
const MILESTONES = endpointHandler('POST', '/api/v1/incidents/[id=uuid]/milestones');
const SERVERS = endpointHandler('POST', '/api/v1/incidents/[id=uuid]/servers');
const DETACH = endpointHandler('DELETE', '/api/v1/incidents/[id=uuid]/servers');
const FIGURES = endpointHandler('GET', '/api/v1/incidents/[id=uuid]/figures');

/**
 * A published outage written up afterwards (times UTC, June 2019): impact from 04:52, detected
 * 05:15, acknowledged 05:19, declared 05:21, cause identified 08:40, mitigated 19:05,
 * recovered and resolved 22:23 — 17 h 08 min from detection to recovery.
 */
const NIGHT = {
	trigger: '2019-06-24T04:52:00Z',
	detected: '2019-06-24T05:15:00Z',
	acknowledged: '2019-06-24T05:19:00Z',
	declared: '2019-06-24T05:21:00Z',
	identified: '2019-06-24T08:40:00Z',
	mitigated: '2019-06-24T19:05:00Z',
	recovered: '2019-06-24T22:23:00Z'
};
/** Counted by hand from the times above, in seconds. */
const HAND_COUNT = {
	detect: 23 * 60,
	acknowledge: 4 * 60,
	declare: 6 * 60,
	identify: (3 * 60 + 25) * 60,
	mitigate: (13 * 60 + 50) * 60,
	recover: (17 * 60 + 8) * 60,
	impact: (17 * 60 + 31) * 60
};

async function setup() {
	const owner = await newUser('Claire');
	const org = await newOrganization(owner);
	const { token } = await createApiToken({ actor: owner }, org, {
		name: 'Write-up script',
		role: 'responder'
	});
	return { owner, org, bearer: token ?? '' };
}

async function lastSeq(incidentId: string): Promise<number> {
	const [row] = await db()<
		{ last_seq: string }[]
	>`select last_seq from streams where id = ${incidentId}`;
	return Number(row?.last_seq);
}

async function declareNight(bearer: string, org: string): Promise<string> {
	const answer = await call(
		DECLARE,
		{
			params: { id: org },
			json: {
				title: 'Checkout down for most of a day',
				severity: 'SEV1',
				detectedAt: NIGHT.detected,
				declaredAt: NIGHT.declared,
				milestones: { trigger: NIGHT.trigger, acknowledged: NIGHT.acknowledged }
			}
		},
		{ bearer }
	);
	expect(answer.status, answer.body).toBe(201);
	return JSON.parse(answer.body).incidentId;
}

describe('a night written afterwards through the API', () => {
	it('yields exactly the hand-computed figures, each in seconds with the events it used', async () => {
		const { org, bearer } = await setup();
		const id = await declareNight(bearer, org);
		for (const milestone of ['identified', 'mitigated'] as const) {
			const answer = await call(
				MILESTONES,
				{
					params: { id },
					json: { milestone, occurredAt: NIGHT[milestone], reason: 'From the public report' }
				},
				{ bearer }
			);
			expect(answer.status, answer.body).toBe(201);
		}
		const resolved = await call(
			STATUS,
			{
				params: { id },
				json: { status: 'resolved', occurredAt: NIGHT.recovered, reason: 'From the public report' }
			},
			{ bearer }
		);
		expect(resolved.status, resolved.body).toBe(201);

		const answer = await call(FIGURES, { params: { id } }, { bearer });
		expect(answer.status).toBe(200);
		const figures: { key: string; seconds: number | null; events: { kind: string }[] }[] =
			JSON.parse(answer.body).figures;
		const seconds = Object.fromEntries(figures.map((f) => [f.key, f.seconds]));
		expect(seconds).toMatchObject(HAND_COUNT);
		const recover = figures.find((f) => f.key === 'recover');
		expect(recover?.events.map((e) => e.kind)).toEqual([
			'milestone.detected',
			'milestone.recovered'
		]);

		// The timeline is in the order things happened, whatever order they were typed in.
		const events = await db()<{ kind: string; occurred_at: Date }[]>`
			select kind, occurred_at from events where stream_id = ${id} order by occurred_at, seq`;
		expect(events.map((e) => e.kind)).toEqual([
			'milestone.trigger',
			'milestone.detected',
			'milestone.acknowledged',
			'incident.declared',
			'milestone.identified',
			'milestone.mitigated',
			'incident.status_changed',
			'milestone.recovered'
		]);
		const [incident] = await db()<
			{ resolved_at: Date }[]
		>`select resolved_at from incidents where id = ${id}`;
		expect(incident?.resolved_at.toISOString()).toBe('2019-06-24T22:23:00.000Z');
	});

	it('refuses a time in the future, and one before the trigger, with nothing written', async () => {
		const { org, bearer } = await setup();
		const id = await declareNight(bearer, org);
		const before = await lastSeq(id);
		const future = new Date(Date.now() + 3_600_000).toISOString();

		const ahead = await call(
			STATUS,
			{ params: { id }, json: { status: 'identified', occurredAt: future } },
			{ bearer }
		);
		expect(ahead.status).toBe(400);
		expect(JSON.parse(ahead.body).error.message).toContain('future');

		const early = await call(
			MILESTONES,
			{ params: { id }, json: { milestone: 'identified', occurredAt: '2019-06-24T04:00:00Z' } },
			{ bearer }
		);
		expect(early.status).toBe(400);
		expect(JSON.parse(early.body).error.message).toContain("before the incident's first fact");

		const earlyStatus = await call(
			STATUS,
			{ params: { id }, json: { status: 'identified', occurredAt: '2019-06-24T04:51:00Z' } },
			{ bearer }
		);
		expect(earlyStatus.status).toBe(400);

		const lateTrigger = await call(
			MILESTONES,
			{
				params: { id },
				json: { milestone: 'trigger', occurredAt: '2019-06-24T06:00:00Z', reason: 'x' }
			},
			{ bearer }
		);
		expect(lateTrigger.status).toBe(400);

		expect(await lastSeq(id)).toBe(before);
		const [row] = await db()<{ status: string }[]>`select status from incidents where id = ${id}`;
		expect(row?.status).toBe('investigating');
	});

	it('sets a milestone once; correcting it needs a reason, which the timeline keeps', async () => {
		const { org, bearer } = await setup();
		const id = await declareNight(bearer, org);
		const again = await call(
			MILESTONES,
			{ params: { id }, json: { milestone: 'acknowledged', occurredAt: '2019-06-24T05:30:00Z' } },
			{ bearer }
		);
		expect(again.status).toBe(409);
		const corrected = await call(
			MILESTONES,
			{
				params: { id },
				json: {
					milestone: 'acknowledged',
					occurredAt: '2019-06-24T05:30:00Z',
					reason: 'The pager log says 05:30'
				}
			},
			{ bearer }
		);
		expect(corrected.status, corrected.body).toBe(201);
		const figures: { key: string; seconds: number | null }[] = JSON.parse(
			(await call(FIGURES, { params: { id } }, { bearer })).body
		).figures;
		expect(figures.find((f) => f.key === 'acknowledge')?.seconds).toBe(15 * 60);
		const [event] = await db()<{ payload: { previous: string; reason: string } }[]>`
			select payload from events where stream_id = ${id} and kind = 'milestone.acknowledged'
			order by seq desc limit 1`;
		expect(event?.payload).toMatchObject({
			previous: '2019-06-24T05:19:00.000Z',
			reason: 'The pager log says 05:30'
		});
	});

	it('says which milestone to set when a figure cannot be computed', async () => {
		const { org, bearer } = await setup();
		const answer = await call(
			DECLARE,
			{ params: { id: org }, json: { title: 'Slow search', severity: 'SEV3' } },
			{ bearer }
		);
		const id = JSON.parse(answer.body).incidentId;
		const figures: {
			key: string;
			seconds: number | null;
			missing: string[];
			explanation: string;
		}[] = JSON.parse((await call(FIGURES, { params: { id } }, { bearer })).body).figures;
		const identify = figures.find((f) => f.key === 'identify');
		expect(identify).toMatchObject({ seconds: null, missing: ['identified'] });
		expect(identify?.explanation).toContain('Root cause identified');
		expect(figures.find((f) => f.key === 'impact')?.missing).toEqual(['trigger', 'recovered']);
	});

	it('attaches servers by tag and detaches one with its reason, each on the timeline', async () => {
		const { owner, org, bearer } = await setup();
		for (const hostname of ['web01', 'web02', 'db01'])
			await createItem({ actor: owner }, org, { hostname, tags: ['shop-cluster'] });
		await createItem({ actor: owner }, org, { hostname: 'mail01', tags: ['office'] });
		const id = await declareNight(bearer, org);
		const attached = await call(
			SERVERS,
			{ params: { id }, json: { tag: 'shop-cluster' } },
			{ bearer }
		);
		expect(attached.status, attached.body).toBe(201);
		expect(JSON.parse(attached.body).attached).toEqual(['db01', 'web01', 'web02']);
		const none = await call(SERVERS, { params: { id }, json: { tag: 'no-such-tag' } }, { bearer });
		expect(none.status).toBe(404);
		expect(JSON.parse(none.body).error.message).toContain('no-such-tag');

		const [db01] = await db()<{ id: string }[]>`
			select id from inventory_items where organization_id = ${org} and hostname = 'db01'`;
		const noReason = await call(DETACH, { params: { id }, json: { itemId: db01?.id } }, { bearer });
		expect(noReason.status).toBe(400);
		const detached = await call(
			DETACH,
			{ params: { id }, json: { itemId: db01?.id, reason: 'The database was never down' } },
			{ bearer }
		);
		expect(detached.status, detached.body).toBe(200);
		const linked = await db()<{ hostname: string }[]>`
			select i.hostname from incident_items ii join inventory_items i on i.id = ii.item_id
			where ii.incident_id = ${id} order by i.hostname`;
		expect(linked.map((r) => r.hostname)).toEqual(['web01', 'web02']);
		const [unlinked] = await db()<{ payload: { reason: string } }[]>`
			select payload from events where stream_id = ${id} and kind = 'inventory.unlinked'`;
		expect(unlinked?.payload.reason).toBe('The database was never down');
	});
});
