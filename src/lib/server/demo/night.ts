import type { Actor } from '../access/actor';
import { db } from '../db/db';
import { declareIncident, changeIncidentStatus } from '../incidents/commands';
import { inviteAndAccept } from './consent';
import { linkItemToIncident } from '../inventory/links';
import { setItemStatus } from '../inventory/status';
import { startRun } from '../runbooks/runs';
import { addNote, pinEvent } from '../timeline/commands';
import type { DemoClock } from './clock';
import type { DemoCast } from './people';
import { itemId, playCall, playStep, type StepAction } from './play';

/** The SEV1 of Friday night, played up to now: six hours in, the rebuild half done. */
export async function playTheNight(cast: DemoCast, clock: DemoClock, templateId: string) {
	const { claire, julien, marc, nadia, petitNuage, rempart } = cast;
	const { on } = clock;
	const incidentId = (
		await on(
			8,
			declareIncident({ actor: claire }, petitNuage, {
				title: 'Shop down: cluster rebuild',
				severity: 'SEV1',
				summary:
					'The seven shop servers at Rempart PAR2 do not restart after a power event: catalogue and payment pages are down.',
				detectedAt: clock.at(0).toISOString(),
				timezone: 'Europe/Paris'
			})
		)
	).result.incidentId;

	await on(9, inviteAndAccept(claire, incidentId, rempart, nadia));
	for (const item of await itemsOf(petitNuage))
		await on(9, linkItemToIncident({ actor: claire }, incidentId, { itemId: item.id }));
	await on(10, startRun({ actor: claire }, incidentId, { templateId }));
	const step = (
		minutes: number,
		actor: Actor,
		title: string,
		action: StepAction,
		extra: Record<string, string> = {}
	) => on(minutes, playStep(actor, incidentId, { title }, action, extra));
	const server = (
		minutes: number,
		actor: Actor,
		hostname: string,
		status: string,
		reason?: string
	) =>
		itemId(petitNuage, hostname).then((id) =>
			on(minutes, setItemStatus({ actor }, id, { status, reason }))
		);
	const call = (minutes: number, contact: string, outcome: string) =>
		on(minutes, playCall(claire, incidentId, petitNuage, contact, outcome));

	await step(10, claire, 'Declare the incident and open the room', 'start');
	await step(12, claire, 'Declare the incident and open the room', 'complete');
	await call(
		13,
		'Rempart NOC',
		'Reached the NOC: on-call engineer paged, calls back within 10 minutes.'
	);
	await on(
		14,
		changeIncidentStatus({ actor: claire }, incidentId, {
			status: 'identified',
			reason: 'Power event at PAR2: the seven shop servers do not come back.'
		})
	);
	await step(18, marc, 'Mobilise the Rempart on-call team', 'start');
	await step(52, marc, 'Mobilise the Rempart on-call team', 'complete');
	await step(55, marc, 'Confirm spares and datacentre access', 'start');
	await step(95, marc, 'Confirm spares and datacentre access', 'complete');
	await on(
		100,
		changeIncidentStatus({ actor: claire }, incidentId, {
			status: 'mitigating',
			reason: 'Rebuilding on spare hardware.'
		})
	);
	await provision(step, marc, nadia);
	const decision = await on(
		120,
		addNote({ actor: julien }, incidentId, {
			kind: 'decision',
			text: 'Restore db01 from the 02:00 backup rather than the 23:00 dump: three hours fewer orders to replay.'
		})
	);
	await on(
		121,
		pinEvent({ actor: claire }, incidentId, { seq: decision.result.seq, pinned: true })
	);
	await call(
		130,
		'Merchant support desk',
		'Monetis told: payment pages down, no order lost on their side, no fraud flags.'
	);
	await reinstall(step, server, marc, nadia);
	await call(
		250,
		'Sophie Girard',
		'Escalated web03 hardware: spare RAID controller sent from stock, ETA 90 minutes.'
	);
	await on(
		300,
		addNote({ actor: julien }, incidentId, {
			text: 'Home page switched to a maintenance message with the order-by-phone number.'
		})
	);
	return incidentId;
}

type Step = (
	minutes: number,
	actor: Actor,
	title: string,
	action: StepAction,
	extra?: Record<string, string>
) => Promise<unknown>;
type Server = (
	minutes: number,
	actor: Actor,
	hostname: string,
	status: string,
	reason?: string
) => Promise<unknown>;

async function provision(step: Step, marc: Actor, nadia: Actor) {
	const plan: [string, number, number, Actor][] = [
		['lb01', 100, 150, marc],
		['db01', 104, 150, nadia],
		['web01', 100, 158, marc],
		['web02', 102, 165, nadia],
		['idx01', 150, 205, marc],
		['web03', 158, 215, nadia],
		['web04', 165, 228, marc]
	];
	for (const [host, from, to, who] of plan) {
		await step(from, who, `Provision ${host} from spares`, 'start');
		await step(to, who, `Provision ${host} from spares`, 'complete');
	}
}

async function reinstall(step: Step, server: Server, marc: Actor, nadia: Actor) {
	const done: [string, number, number, Actor, string][] = [
		['db01', 150, 235, nadia, 'degraded'],
		['lb01', 152, 240, marc, 'up'],
		['web01', 160, 250, marc, 'up'],
		['web02', 166, 262, nadia, 'up'],
		['idx01', 206, 300, marc, 'up']
	];
	for (const [host, from, to, who, status] of done) {
		await server(from, who, host, 'rebuilding');
		await step(from, who, `Reinstall Debian on ${host}`, 'start');
		await step(to, who, `Reinstall Debian on ${host}`, 'complete');
		await server(
			to + 1,
			who,
			host,
			status,
			status === 'degraded' ? 'Debian reinstalled; data restore still to come.' : undefined
		);
	}
	await server(216, nadia, 'web03', 'rebuilding');
	await step(216, nadia, 'Reinstall Debian on web03', 'start');
	await step(238, nadia, 'Reinstall Debian on web03', 'block', {
		reason: 'RAID controller fault: waiting for a spare controller.'
	});
	await step(348, marc, 'Reinstall Debian on web03', 'resume');
}

async function itemsOf(organizationId: string) {
	return db()<
		{ id: string }[]
	>`select id from inventory_items where organization_id = ${organizationId} order by hostname`;
}
