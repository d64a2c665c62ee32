import { describe, expect, it } from 'vitest';
import type { Run } from '../../src/lib/runbooks/types';
import { listEventsAfter } from '../../src/lib/server/events/queries';
import { readRun, startRun } from '../../src/lib/server/runbooks/runs';
import { actOnStep } from '../../src/lib/server/runbooks/steps';
import { createTemplate } from '../../src/lib/server/runbooks/templates';
import { addMember, newOrganization, newUser, useTestDatabase } from './setup';
import { newIncident, newItem, rebuildBody, shareIncident } from './runbooks-fixtures';

const sql = useTestDatabase();

/** A merchant with 3 shop-cluster servers (and one other), an incident running the rebuild. */
async function runningRebuild() {
	const owner = await newUser('Claire');
	const org = await newOrganization(owner);
	const items = {
		web03: await newItem(org, 'web03', ['shop-cluster']),
		db01: await newItem(org, 'db01', ['shop-cluster', 'db']),
		web01: await newItem(org, 'web01', ['shop-cluster']),
		mail: await newItem(org, 'mail01', ['office'])
	};
	const { result } = await createTemplate({ actor: owner }, org, {
		name: 'Rebuild',
		body: rebuildBody()
	});
	const incident = await newIncident(org);
	await startRun({ actor: owner }, incident, { templateId: result.templateId });
	const run = await readRun(owner, incident);
	if (!run) throw new Error('no run');
	return { owner, org, items, incident, run, templateId: result.templateId };
}

function byTitle(run: Run, title: string) {
	const step = run.steps.find((s) => s.title === title);
	if (!step) throw new Error(`no step ${title}`);
	return step;
}

async function stepNow(owner: { userId: string }, incident: string, title: string) {
	const run = await readRun(owner, incident);
	if (!run) throw new Error('no run');
	return byTitle(run, title);
}

describe('starting a run', () => {
	it('expands steps over the servers tagged, maps dependencies per server, and readies steps without dependencies', async () => {
		const { run, items, incident } = await runningRebuild();
		expect(run.steps.map((s) => [s.title, s.state])).toEqual([
			['Call the NOC', 'ready'],
			['Provision db01', 'pending'],
			['Provision web01', 'pending'],
			['Provision web03', 'pending'],
			['Reinstall Debian on db01', 'pending'],
			['Reinstall Debian on web01', 'pending'],
			['Reinstall Debian on web03', 'pending'],
			['Smoke-test the shop', 'pending']
		]);
		const reinstall = byTitle(run, 'Reinstall Debian on web03');
		expect(reinstall.serverItemId).toBe(items.web03);
		expect(reinstall.dependsOn).toEqual([byTitle(run, 'Provision web03').id]);
		expect(byTitle(run, 'Smoke-test the shop').dependsOn.sort()).toEqual(
			run.steps
				.filter((s) => s.key === 'reinstall')
				.map((s) => s.id)
				.sort()
		);
		const events = await listEventsAfter(incident, 0);
		expect(events.map((e) => e.kind)).toEqual(['run.started']);
		expect(events[0]?.payload).toMatchObject({ runId: run.id, templateVersion: 1, steps: 8 });
	});

	it('a second run in the same incident, a tag no server carries and a viewer are refused', async () => {
		const { owner, org, incident, templateId } = await runningRebuild();
		await expect(startRun({ actor: owner }, incident, { templateId })).rejects.toMatchObject({
			code: 'conflict',
			message: 'This incident already runs “Rebuild” (v1).'
		});
		const body = rebuildBody();
		const provision = body.phases[1]?.steps[0];
		if (provision) provision.expandTag = 'nowhere';
		const { result } = await createTemplate({ actor: owner }, org, { name: 'Other', body });
		const fresh = await newIncident(org);
		await expect(
			startRun({ actor: owner }, fresh, { templateId: result.templateId })
		).rejects.toMatchObject({
			code: 'invalid',
			message: expect.stringContaining('tag “nowhere” that “Provision {server}”')
		});
		const viewer = await addMember(org, 'viewer');
		await expect(startRun({ actor: viewer }, fresh, { templateId })).rejects.toMatchObject({
			code: 'forbidden'
		});
		expect(await listEventsAfter(fresh, 0)).toEqual([]);
	});
});

describe('working steps', () => {
	it('finishing a step readies its dependents in the same event', async () => {
		const { owner, run, incident } = await runningRebuild();
		const call = byTitle(run, 'Call the NOC');
		const started = await actOnStep({ actor: owner }, incident, call.id, {
			action: 'start',
			version: 1
		});
		expect(started.result).toMatchObject({ state: 'in_progress', version: 2, readied: [] });
		const done = await actOnStep({ actor: owner }, incident, call.id, {
			action: 'complete',
			version: 2
		});
		const provisions = run.steps.filter((s) => s.key === 'provision').map((s) => s.id);
		expect([...done.result.readied].sort()).toEqual([...provisions].sort());
		const after = await readRun(owner, incident);
		expect(after?.steps.filter((s) => s.state === 'ready').map((s) => s.title)).toEqual([
			'Provision db01',
			'Provision web01',
			'Provision web03'
		]);
		const [event] = done.events;
		expect(event).toMatchObject({ kind: 'step.done', streamId: incident, actorName: 'Claire' });
		expect(event?.payload).toMatchObject({
			stepId: call.id,
			title: 'Call the NOC',
			from: 'in_progress',
			to: 'done',
			version: 3,
			assigneeName: 'Claire'
		});
	});

	it('refuses transitions the state machine forbids, naming what a step waits for', async () => {
		const { owner, run, incident } = await runningRebuild();
		const call = byTitle(run, 'Call the NOC');
		await expect(
			actOnStep({ actor: owner }, incident, call.id, { action: 'complete', version: 1 })
		).rejects.toMatchObject({
			code: 'conflict',
			message:
				'“Call the NOC” is ready: it cannot be marked done. Only a step that is in progress can be.'
		});
		const provision = byTitle(run, 'Provision web03');
		await expect(
			actOnStep({ actor: owner }, incident, provision.id, { action: 'start', version: 1 })
		).rejects.toMatchObject({ message: '“Provision web03” is waiting for “Call the NOC”.' });
		await expect(
			actOnStep({ actor: owner }, incident, provision.id, { action: 'skip', version: 1 })
		).rejects.toMatchObject({ code: 'invalid', fields: { reason: 'Say why (a few words).' } });
		expect(await listEventsAfter(incident, 1)).toEqual([]);
	});

	it('block, resume, fail, retry and skip move the step and record the reason', async () => {
		const { owner, run, incident } = await runningRebuild();
		const call = byTitle(run, 'Call the NOC');
		const act = (action: string, version: number, extra = {}) =>
			actOnStep({ actor: owner }, incident, call.id, { action, version, ...extra });
		await act('start', 1);
		await act('block', 2, { reason: 'NOC line busy' });
		expect(await stepNow(owner, incident, 'Call the NOC')).toMatchObject({
			state: 'blocked',
			blockedReason: 'NOC line busy'
		});
		await act('resume', 3);
		await act('fail', 4);
		const retried = await act('retry', 5);
		expect(retried.result.state).toBe('in_progress');
		const other = byTitle(run, 'Provision db01');
		await actOnStep({ actor: owner }, incident, other.id, {
			action: 'skip',
			version: 1,
			reason: 'db01 kept its disks'
		});
		expect(await stepNow(owner, incident, 'Provision db01')).toMatchObject({
			state: 'skipped',
			skipReason: 'db01 kept its disks'
		});
		const kinds = (await listEventsAfter(incident, 1)).map((e) => e.kind);
		expect(kinds).toEqual([
			'step.started',
			'step.blocked',
			'step.resumed',
			'step.failed',
			'step.retried',
			'step.skipped'
		]);
	});

	it('a stale version is refused saying what the step is now, who did it and when', async () => {
		const { owner, org, run, incident } = await runningRebuild();
		const marc = await addMember(org, 'responder', 'Marc');
		const call = byTitle(run, 'Call the NOC');
		await actOnStep({ actor: marc }, incident, call.id, { action: 'start', version: 1 });
		await actOnStep({ actor: marc }, incident, call.id, { action: 'complete', version: 2 });
		const [row] = await sql()<{ at: string }[]>`
			select to_char(updated_at at time zone 'Europe/Paris', 'HH24:MI') as at from run_steps where id = ${call.id}`;
		await expect(
			actOnStep({ actor: owner }, incident, call.id, { action: 'complete', version: 2 })
		).rejects.toMatchObject({
			code: 'conflict',
			message: `“Call the NOC” is already done (by Marc at ${row?.at}).`
		});
		await expect(
			actOnStep({ actor: owner }, incident, call.id, { action: 'start', version: 1 })
		).rejects.toMatchObject({ message: expect.stringContaining('changed meanwhile (by Marc at') });
	});

	it('a viewer is refused, an outsider learns nothing, and only an admin reopens a done step', async () => {
		const { owner, org, run, incident } = await runningRebuild();
		const call = byTitle(run, 'Call the NOC');
		const viewer = await addMember(org, 'viewer');
		await expect(
			actOnStep({ actor: viewer }, incident, call.id, { action: 'start', version: 1 })
		).rejects.toMatchObject({ code: 'forbidden' });
		const outsider = await newUser('Eve');
		await expect(
			actOnStep({ actor: outsider }, incident, call.id, { action: 'start', version: 1 })
		).rejects.toMatchObject({ code: 'not_found' });
		await expect(readRun(outsider, incident)).rejects.toMatchObject({ code: 'not_found' });

		const responder = await addMember(org, 'responder');
		await actOnStep({ actor: responder }, incident, call.id, { action: 'start', version: 1 });
		await actOnStep({ actor: responder }, incident, call.id, { action: 'complete', version: 2 });
		await expect(
			actOnStep({ actor: responder }, incident, call.id, {
				action: 'reopen',
				version: 3,
				reason: 'x'
			})
		).rejects.toMatchObject({ code: 'forbidden' });
		const reopened = await actOnStep({ actor: owner }, incident, call.id, {
			action: 'reopen',
			version: 3,
			reason: 'NOC called back: wrong rack'
		});
		expect(reopened.result.state).toBe('in_progress');
		expect(reopened.result.unreadied).toHaveLength(3);
		const provision = await stepNow(owner, incident, 'Provision web01');
		expect(provision.state).toBe('pending');
		expect(reopened.events[0]?.payload).toMatchObject({
			reason: 'NOC called back: wrong rack',
			unreadied: expect.arrayContaining([provision.id])
		});
	});

	it('a hoster responder works the steps of an incident shared with their organization', async () => {
		const { run, incident } = await runningRebuild();
		const marc = await newUser('Marc');
		const hoster = await newOrganization(marc, 'provider');
		await shareIncident(incident, hoster);
		const call = byTitle(run, 'Call the NOC');
		const { result } = await actOnStep({ actor: marc }, incident, call.id, {
			action: 'start',
			version: 1
		});
		expect(result.state).toBe('in_progress');
	});

	it('assigns to a participant only, and appends notes', async () => {
		const { owner, org, run, incident } = await runningRebuild();
		const marc = await addMember(org, 'responder', 'Marc');
		const call = byTitle(run, 'Call the NOC');
		const assigned = await actOnStep({ actor: owner }, incident, call.id, {
			action: 'assign',
			version: 1,
			assigneeId: marc.userId
		});
		expect(assigned.events[0]).toMatchObject({
			kind: 'step.assigned',
			payload: { assigneeName: 'Marc', to: 'ready', from: 'ready' }
		});
		const stranger = await newUser('Eve');
		await expect(
			actOnStep({ actor: owner }, incident, call.id, {
				action: 'assign',
				version: 2,
				assigneeId: stranger.userId
			})
		).rejects.toMatchObject({ code: 'invalid' });
		await actOnStep({ actor: owner }, incident, call.id, {
			action: 'note',
			version: 2,
			note: 'Ticket #4411'
		});
		const step = await stepNow(owner, incident, 'Call the NOC');
		expect(step).toMatchObject({ assigneeName: 'Marc', version: 3 });
		expect(step.notes).toMatchObject([{ authorName: 'Claire', text: 'Ticket #4411' }]);
	});

	it('a change and its event are committed together: when the event fails, neither is kept', async () => {
		const { owner, run, incident } = await runningRebuild();
		const call = byTitle(run, 'Call the NOC');
		await actOnStep({ actor: owner }, incident, call.id, { action: 'start', version: 1 });
		await sql()`
			create or replace function refuse_step_done() returns trigger language plpgsql as $$
			begin
				if new.kind = 'step.done' then raise exception 'event store unavailable'; end if;
				return new;
			end $$`;
		await sql()`create trigger refuse_step_done before insert on events for each row execute function refuse_step_done()`;
		try {
			await expect(
				actOnStep({ actor: owner }, incident, call.id, { action: 'complete', version: 2 })
			).rejects.toThrow(/event store unavailable/);
		} finally {
			await sql()`drop trigger refuse_step_done on events`;
			await sql()`drop function refuse_step_done()`;
		}
		const after = await readRun(owner, incident);
		expect(after && byTitle(after, 'Call the NOC')).toMatchObject({
			state: 'in_progress',
			version: 2
		});
		expect(after?.steps.filter((s) => s.state === 'ready')).toEqual([]);
		expect((await listEventsAfter(incident, 0)).map((e) => e.kind)).toEqual([
			'run.started',
			'step.started'
		]);
	});

	it('a retried mutation (same client id) is applied once', async () => {
		const { owner, run, incident } = await runningRebuild();
		const call = byTitle(run, 'Call the NOC');
		const input = { action: 'start', version: 1, clientMutationId: crypto.randomUUID() };
		await actOnStep({ actor: owner }, incident, call.id, input);
		const again = await actOnStep({ actor: owner }, incident, call.id, input);
		expect(again.replayed).toBe(true);
		expect((await listEventsAfter(incident, 0)).map((e) => e.kind)).toEqual([
			'run.started',
			'step.started'
		]);
	});
});
