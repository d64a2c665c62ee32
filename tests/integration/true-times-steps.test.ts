import { describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/lib/server/access/api-tokens';
import { createContact } from '../../src/lib/server/contacts/commands';
import { db } from '../../src/lib/server/db/db';
import { startRun } from '../../src/lib/server/runbooks/runs';
import { createTemplate } from '../../src/lib/server/runbooks/templates';
import { call } from './harness/dispatch';
import { endpointHandler } from './harness/routes';
import { newItem, rebuildBody } from './runbooks-fixtures';
import { newOrganization, newUser, useTestDatabase } from './setup';

useTestDatabase();

/**
 * Issue 11, every fact at its true time: a step's start and finish, a server's status change
 * and a call told afterwards through the JSON API, refused in the future or before the
 * incident's first fact with nothing written, and counted by the figures at those times.
 */

const DECLARE = endpointHandler('POST', '/api/v1/orgs/[id=uuid]/incidents');
const RUN = endpointHandler('GET', '/api/v1/incidents/[id=uuid]/run');
const STEP = endpointHandler('POST', '/api/v1/incidents/[id=uuid]/steps/[stepId=uuid]');
const SERVERS = endpointHandler('POST', '/api/v1/incidents/[id=uuid]/servers');
const SERVER_STATUS = endpointHandler(
	'POST',
	'/api/v1/orgs/[id=uuid]/inventory/[itemId=uuid]/status'
);
const CALLS = endpointHandler('POST', '/api/v1/incidents/[id=uuid]/calls');
const FIGURES = endpointHandler('GET', '/api/v1/incidents/[id=uuid]/figures');
const TIMELINE = endpointHandler('GET', '/api/v1/incidents/[id=uuid]/timeline');

const MINUTE = 60_000;

interface Step {
	id: string;
	key: string;
	version: number;
	state: string;
	startedAt: string | null;
	endedAt: string | null;
}

/** An incident detected three hours ago, its rebuild run started now (a night written late). */
async function night() {
	const owner = await newUser('Claire');
	const org = await newOrganization(owner);
	const { token } = await createApiToken({ actor: owner }, org, {
		name: 'Write-up script',
		role: 'responder'
	});
	const bearer = token ?? '';
	const itemId = await newItem(org, 'web01', ['shop-cluster']);
	const detected = new Date(Date.now() - 3 * 60 * MINUTE);
	detected.setSeconds(0, 0);
	const declared = await call(
		DECLARE,
		{
			params: { id: org },
			json: { title: 'Shop down', severity: 'SEV1', detectedAt: detected.toISOString() }
		},
		{ bearer }
	);
	expect(declared.status, declared.body).toBe(201);
	const id: string = JSON.parse(declared.body).incidentId;
	const { result } = await createTemplate({ actor: owner }, org, {
		name: 'Rebuild',
		body: rebuildBody()
	});
	await startRun({ actor: owner }, id, { templateId: result.templateId });
	const at = (minutes: number) => new Date(detected.getTime() + minutes * MINUTE).toISOString();
	return { owner, org, bearer, id, itemId, detected, at };
}

async function steps(id: string, bearer: string): Promise<{ startedAt: string; steps: Step[] }> {
	const answer = await call(RUN, { params: { id } }, { bearer });
	expect(answer.status, answer.body).toBe(200);
	return JSON.parse(answer.body).run;
}

async function stepByKey(id: string, bearer: string, key: string): Promise<Step> {
	const step = (await steps(id, bearer)).steps.find((s) => s.key === key);
	if (!step) throw new Error(`no step ${key}`);
	return step;
}

async function lastSeq(streamId: string): Promise<number> {
	const [row] = await db()<
		{ last_seq: string }[]
	>`select last_seq from streams where id = ${streamId}`;
	return Number(row?.last_seq);
}

const act = (bearer: string, id: string, step: Step, json: Record<string, unknown>) =>
	call(
		STEP,
		{ params: { id, stepId: step.id }, json: { version: step.version, ...json } },
		{ bearer }
	);

const messageOf = (body: string): string => JSON.parse(body).error.message;

describe("a step's start and finish at their true times", () => {
	it('refuses a future time and one before the first fact, with nothing written', async () => {
		const { bearer, id, org, at } = await night();
		const step = await stepByKey(id, bearer, 'call');
		const before = await lastSeq(id);
		const beforeOrg = await lastSeq(org);

		const future = new Date(Date.now() + 60 * MINUTE).toISOString();
		const ahead = await act(bearer, id, step, { action: 'start', occurredAt: future });
		expect(ahead.status).toBe(400);
		expect(messageOf(ahead.body)).toContain('future');

		const early = await act(bearer, id, step, { action: 'start', occurredAt: at(-5) });
		expect(early.status).toBe(400);
		expect(messageOf(early.body)).toContain("before the incident's first fact, its detection");

		// Only a start or a finish has a true time to tell.
		const note = await act(bearer, id, step, { action: 'note', note: 'x', occurredAt: at(5) });
		expect(note.status).toBe(400);

		expect(await lastSeq(id)).toBe(before);
		expect(await lastSeq(org)).toBe(beforeOrg);
		const unchanged = await stepByKey(id, bearer, 'call');
		expect(unchanged).toMatchObject({ state: 'ready', version: step.version, startedAt: null });
	});

	it('refuses a finish before the step started, with nothing written', async () => {
		const { bearer, id, at } = await night();
		const ready = await stepByKey(id, bearer, 'call');
		const started = await act(bearer, id, ready, {
			action: 'start',
			occurredAt: at(20),
			reason: 'From the NOC log'
		});
		expect(started.status, started.body).toBe(200);
		const step = await stepByKey(id, bearer, 'call');
		const before = await lastSeq(id);
		const done = await act(bearer, id, step, { action: 'complete', occurredAt: at(10) });
		expect(done.status).toBe(400);
		expect(messageOf(done.body)).toContain('before this step started');
		expect(await lastSeq(id)).toBe(before);
		expect(await stepByKey(id, bearer, 'call')).toMatchObject({
			state: 'in_progress',
			endedAt: null
		});
	});

	it('a back-dated start and finish move the run, the figures and the timeline order', async () => {
		const { bearer, id, at } = await night();
		const ready = await stepByKey(id, bearer, 'call');
		const started = await act(bearer, id, ready, {
			action: 'start',
			occurredAt: at(10),
			reason: 'From the NOC log'
		});
		expect(started.status, started.body).toBe(200);
		const done = await act(bearer, id, await stepByKey(id, bearer, 'call'), {
			action: 'complete',
			occurredAt: at(25),
			reason: 'From the NOC log'
		});
		expect(done.status, done.body).toBe(200);

		// The step and the run carry the true times; the run began with its first step.
		const run = await steps(id, bearer);
		expect(run.startedAt).toBe(new Date(at(10)).toISOString());
		const step = run.steps.find((s) => s.key === 'call');
		expect(step).toMatchObject({
			state: 'done',
			startedAt: new Date(at(10)).toISOString(),
			endedAt: new Date(at(25)).toISOString()
		});

		// Counted by hand: the planned critical path is 10 + 30 + 60 + 30 = 130 minutes from the
		// run's start (detection + 10 min); the last step to end so far ended at detection + 25.
		const figures: { key: string; seconds: number | null }[] = JSON.parse(
			(await call(FIGURES, { params: { id } }, { bearer })).body
		).figures;
		const seconds = Object.fromEntries(figures.map((f) => [f.key, f.seconds]));
		expect(seconds.slippage).toBe((25 - (10 + 130)) * 60);

		// Stored at the true time, recorded at the typing time, with the reason.
		const events = await db()<
			{
				kind: string;
				occurred_at: Date;
				recorded_at: Date;
				payload: { backdateReason?: string };
			}[]
		>`
			select kind, occurred_at, recorded_at, payload from events
			where stream_id = ${id} order by occurred_at, seq`;
		const kinds = events.map((e) => e.kind);
		expect(kinds.indexOf('step.started')).toBeLessThan(kinds.indexOf('step.done'));
		expect(kinds.indexOf('step.done')).toBeLessThan(kinds.indexOf('incident.declared'));
		expect(kinds.indexOf('step.done')).toBeLessThan(kinds.indexOf('run.started'));
		const finish = events.find((e) => e.kind === 'step.done');
		expect(finish?.occurred_at.toISOString()).toBe(new Date(at(25)).toISOString());
		expect(Date.now() - (finish?.recorded_at.getTime() ?? 0)).toBeLessThan(MINUTE);
		expect(finish?.payload.backdateReason).toBe('From the NOC log');

		// The timeline API lists it (newest first) where it happened, marked with its reason.
		const page = JSON.parse((await call(TIMELINE, { params: { id } }, { bearer })).body);
		const listed: { kind: string }[] = page.items;
		const order = listed.map((e) => e.kind);
		expect(order.indexOf('run.started')).toBeLessThan(order.indexOf('step.done'));
		expect(order.indexOf('step.done')).toBeLessThan(order.indexOf('step.started'));
	});
});

describe("a server's status and a call at their true times", () => {
	it('a server status change keeps its true time; future, before the incident and before the last change are refused', async () => {
		const { bearer, id, org, itemId, at } = await night();
		const attached = await call(SERVERS, { params: { id }, json: { itemId } }, { bearer });
		expect(attached.status, attached.body).toBe(201);
		const setStatus = (json: Record<string, unknown>) =>
			call(SERVER_STATUS, { params: { id: org, itemId }, json }, { bearer });
		const before = [await lastSeq(id), await lastSeq(org)];

		const future = new Date(Date.now() + 60 * MINUTE).toISOString();
		expect((await setStatus({ status: 'down', occurredAt: future })).status).toBe(400);
		const early = await setStatus({ status: 'down', occurredAt: at(-30) });
		expect(early.status).toBe(400);
		expect(messageOf(early.body)).toContain("before the incident's first fact");
		expect([await lastSeq(id), await lastSeq(org)]).toEqual(before);

		const down = await setStatus({
			status: 'down',
			occurredAt: at(2),
			reason: 'Read from the monitoring graphs'
		});
		expect(down.status, down.body).toBe(200);
		const [item] = await db()<{ status: string; status_changed_at: Date }[]>`
			select status, status_changed_at from inventory_items where id = ${itemId}`;
		expect(item?.status).toBe('down');
		expect(item?.status_changed_at.toISOString()).toBe(new Date(at(2)).toISOString());
		const [event] = await db()<{ occurred_at: Date; payload: { backdateReason?: string } }[]>`
			select occurred_at, payload from events
			where stream_id = ${id} and kind = 'inventory.status_changed'`;
		expect(event?.occurred_at.toISOString()).toBe(new Date(at(2)).toISOString());
		expect(event?.payload.backdateReason).toBe('Read from the monitoring graphs');

		// Before its last change, its current status would no longer be the latest.
		const stale = await setStatus({ status: 'up', occurredAt: at(1) });
		expect(stale.status).toBe(400);
		expect(messageOf(stale.body)).toContain("before web01's last status change");
		const [still] = await db()<{ status: string }[]>`
			select status from inventory_items where id = ${itemId}`;
		expect(still?.status).toBe('down');
	});

	it('a call logged afterwards keeps its true time and reason; before the first fact is refused', async () => {
		const { owner, org, bearer, id, at } = await night();
		const { result } = await createContact({ actor: owner }, org, {
			providerName: 'Rempart Hosting',
			name: 'NOC 24/7',
			phones: '+33 1 84 00 00 00'
		});
		const before = await lastSeq(id);
		const early = await call(
			CALLS,
			{
				params: { id },
				json: { contactId: result.contactId, outcome: 'Reached', calledAt: at(-1) }
			},
			{ bearer }
		);
		expect(early.status).toBe(400);
		expect(messageOf(early.body)).toContain("before the incident's first fact");
		expect(await lastSeq(id)).toBe(before);

		const logged = await call(
			CALLS,
			{
				params: { id },
				json: {
					contactId: result.contactId,
					outcome: 'Reached, engineer on the way',
					calledAt: at(4),
					backdateReason: 'Logged after the call'
				}
			},
			{ bearer }
		);
		expect(logged.status, logged.body).toBe(201);
		const [event] = await db()<{ occurred_at: Date; payload: { backdateReason?: string } }[]>`
			select occurred_at, payload from events where stream_id = ${id} and kind = 'contact.called'`;
		expect(event?.occurred_at.toISOString()).toBe(new Date(at(4)).toISOString());
		expect(event?.payload.backdateReason).toBe('Logged after the call');
	});
});
