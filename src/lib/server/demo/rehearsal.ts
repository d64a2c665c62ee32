import { topologicalOrder } from '$lib/runbooks/graph';
import type { Actor } from '../access/actor';
import { db } from '../db/db';
import { startDrill } from '../drills/commands';
import { inviteAndAccept } from './consent';
import { changeIncidentStatus } from '../incidents/commands';
import type { DemoClock } from './clock';
import type { DemoCast } from './people';
import { playCall, playStep, recordStream, settleIncidentTimes, type StepAction } from './play';

/** How much longer (or shorter) than planned each step of the rehearsal took. */
const PACE: Record<string, number> = {
	declare: 0.8,
	mobilise: 1.15,
	spares: 1.15,
	provision: 1,
	reinstall: 1.05,
	restore: 1.15,
	deploy: 0.9,
	reindex: 1.05,
	lb: 1,
	smoke: 1.2,
	switch: 1,
	monitor: 1,
	resolve: 0.6
};

interface RunStepRow {
	id: string;
	key: string;
	title: string;
	owner_side: 'client' | 'provider';
	planned_minutes: number;
	depends_on: string[];
	server_hostname: string | null;
}

/**
 * Ten days ago both teams rehearsed "Rebuild the shop cluster overnight" as a drill, started
 * from the template like anyone would, and took a little longer than planned: the earlier drill
 * a new one is scored against.
 */
export async function playPastDrill(cast: DemoCast, clock: DemoClock, templateId: string) {
	const { claire, julien, marc, nadia, petitNuage, rempart } = cast;
	const { on } = clock;
	const { incidentId } = await startDrill({ actor: claire }, petitNuage, templateId, {
		title: 'Drill: rebuild the shop cluster overnight',
		severity: 'SEV1',
		timezone: 'Europe/Paris'
	});
	await recordStream(clock, incidentId, 0, 0);
	// Rempart's admin accepted the drill's invitation at once.
	await on(0, inviteAndAccept(claire, incidentId, rempart, nadia));
	await on(
		3,
		playCall(
			claire,
			incidentId,
			petitNuage,
			'Rempart NOC',
			'Drill: NOC paged the on-call engineer.'
		)
	);
	const status = (minutes: number, to: string) =>
		on(
			minutes,
			changeIncidentStatus({ actor: claire }, incidentId, { status: to, reason: 'Drill.' })
		);
	await status(4, 'identified');
	const people = { client: [claire, julien], provider: [marc, nadia] };
	const actions = await schedule(incidentId, people);
	let mitigating = false;
	for (const action of actions) {
		if (!mitigating && action.key === 'provision') {
			await status(action.minutes, 'mitigating');
			mitigating = true;
		}
		if (action.key === 'monitor' && action.action === 'start')
			await status(action.minutes, 'monitoring');
		await on(
			action.minutes,
			playStep(action.actor, incidentId, { id: action.stepId }, action.action)
		);
		if (action.key === 'resolve' && action.action === 'complete')
			await status(action.minutes, 'resolved');
	}
	await clock.rewind(incidentId);
	await settleIncidentTimes(incidentId, true);
	return incidentId;
}

/** Every start and completion of the rehearsal, in the order they happened. */
async function schedule(incidentId: string, people: Record<'client' | 'provider', Actor[]>) {
	const rows = await db()<RunStepRow[]>`
		select rs.id, rs.key, rs.title, rs.owner_side, rs.planned_minutes, rs.depends_on, rs.server_hostname
		from run_steps rs join runbook_runs r on r.id = rs.run_id
		where r.incident_id = ${incidentId} order by rs.position`;
	const ends = new Map<string, number>();
	const seen = new Map<string, number>();
	const actions: {
		minutes: number;
		stepId: string;
		key: string;
		actor: Actor;
		action: StepAction;
	}[] = [];
	for (const step of topologicalOrder(rows.map((r) => ({ ...r, dependsOn: r.depends_on })))) {
		const nth = seen.get(step.key) ?? 0;
		seen.set(step.key, nth + 1);
		// Two engineers share the servers: each next one starts a few minutes after the last.
		const start = Math.max(5, ...step.depends_on.map((d) => ends.get(d) ?? 0)) + 2 + nth * 2;
		// web03's RAID controller again: its reinstall drags, as on the real night.
		const slow = step.server_hostname === 'web03' && step.key === 'reinstall' ? 1.3 : 1;
		const end = start + Math.round(step.planned_minutes * (PACE[step.key] ?? 1) * slow);
		ends.set(step.id, end);
		const actor = people[step.owner_side][nth % 2] ?? people[step.owner_side][0];
		if (!actor) throw new Error('demo: nobody to play the drill');
		actions.push({ minutes: start, stepId: step.id, key: step.key, actor, action: 'start' });
		actions.push({ minutes: end, stepId: step.id, key: step.key, actor, action: 'complete' });
	}
	// Completions first at the same minute: a step starts once what it waits for is done.
	return actions.sort(
		(a, b) =>
			a.minutes - b.minutes ||
			(a.action === 'complete' ? -1 : 1) - (b.action === 'complete' ? -1 : 1)
	);
}
