import type { Actor } from '../access/actor';
import { db } from '../db/db';
import { changeIncidentStatus, declareIncident } from '../incidents/commands';
import { inviteAndAccept } from './consent';
import { linkItemToIncident } from '../inventory/links';
import { setItemStatus } from '../inventory/status';
import { startRun } from '../runbooks/runs';
import { addNote, pinEvent } from '../timeline/commands';
import type { DemoClock } from './clock';
import type { DemoCast } from './people';
import { itemId, playCall, playStep, settleIncidentTimes, type StepAction } from './play';

export const DISK_FAILURE_TITLE = 'Payment pages down: db01 disk failure';

/**
 * Three weeks ago: db01's RAID array fails, the payment pages cannot take orders, and Rempart
 * restores db01 from the backup in about five hours. Played through the commands, then moved
 * back in time; the incident ends resolved, ready for its post-mortem.
 */
export async function playDiskFailure(cast: DemoCast, clock: DemoClock, templateId: string) {
	const { claire, julien, marc, nadia, petitNuage, rempart } = cast;
	const { on } = clock;
	const item = (hostname: string) => itemId(petitNuage, hostname);
	// Three weeks ago the shop ran: every item up, until db01's array degraded.
	for (const row of await db()<{ id: string }[]>`
		select id from inventory_items where organization_id = ${petitNuage}`)
		await on(-120, setItemStatus({ actor: julien }, row.id, { status: 'up' }));
	await on(-18, setItemStatus({ actor: julien }, await item('db01'), { status: 'degraded' }));
	await on(-15, setItemStatus({ actor: julien }, await item('payment-pages'), { status: 'down' }));

	const { incidentId } = (
		await on(
			6,
			declareIncident({ actor: claire }, petitNuage, {
				title: DISK_FAILURE_TITLE,
				severity: 'SEV2',
				summary:
					'Customers cannot pay: the checkout fails with an error since db01 stopped accepting writes.',
				detectedAt: clock.at(0).toISOString(),
				timezone: 'Europe/Paris'
			})
		)
	).result;
	const step = (minutes: number, actor: Actor, title: string, action: StepAction) =>
		on(minutes, playStep(actor, incidentId, { title }, action));
	const status = (minutes: number, to: string, reason: string) =>
		on(minutes, changeIncidentStatus({ actor: claire }, incidentId, { status: to, reason }));
	const server = (minutes: number, hostname: string, to: string) =>
		item(hostname).then((id) => on(minutes, setItemStatus({ actor: nadia }, id, { status: to })));

	await on(7, inviteAndAccept(claire, incidentId, rempart, nadia));
	for (const hostname of ['db01', 'payment-pages'])
		await on(
			7,
			linkItemToIncident({ actor: claire }, incidentId, { itemId: await item(hostname) })
		);
	await on(8, startRun({ actor: claire }, incidentId, { templateId }));
	await step(8, claire, 'Declare the incident and open the room', 'start');
	await step(12, claire, 'Declare the incident and open the room', 'complete');
	await on(
		12,
		playCall(
			claire,
			incidentId,
			petitNuage,
			'Rempart NOC',
			'NOC paged the DBA on call: Rempart takes db01.'
		)
	);
	await step(12, julien, 'Put the payment pages in maintenance', 'start');
	await status(13, 'identified', 'db01 RAID array failed: the shop cannot write orders.');
	await step(14, marc, 'Page the Rempart DBA on call', 'start');
	await step(20, julien, 'Put the payment pages in maintenance', 'complete');
	await step(30, marc, 'Page the Rempart DBA on call', 'complete');
	await step(30, nadia, 'Confirm the failed disks on db01', 'start');
	const backdated = await addNote({ actor: julien }, incidentId, {
		text: 'Storage logs: db01’s array ran degraded on one disk; the second disk failed here and writes stopped.',
		occurredAt: clock.at(-18).toISOString(),
		backdateReason: 'Read from the storage logs after the fact.'
	});
	const decision = await on(
		70,
		addNote({ actor: julien }, incidentId, {
			kind: 'decision',
			text: 'Restore from the 02:00 backup and replay the binlogs rather than repair the array in place.'
		})
	);
	await on(71, pinEvent({ actor: claire }, incidentId, { seq: decision.result.seq, pinned: true }));
	await step(75, nadia, 'Confirm the failed disks on db01', 'complete');
	await status(78, 'mitigating', 'Restoring db01 on the spare array.');
	await server(78, 'db01', 'rebuilding');
	await step(78, nadia, 'Restore db01 from the last backup', 'start');
	await on(
		150,
		addNote({ actor: nadia }, incidentId, {
			text: 'Restore at 60 %: slower than planned, the backup vault link is limited to 1 Gb/s.'
		})
	);
	await step(230, nadia, 'Restore db01 from the last backup', 'complete');
	await step(230, nadia, 'Replay binlogs up to the failure', 'start');
	await step(262, nadia, 'Replay binlogs up to the failure', 'complete');
	await server(262, 'db01', 'up');
	await step(265, claire, 'Test a real payment', 'start');
	await step(280, claire, 'Test a real payment', 'complete');
	await server(280, 'payment-pages', 'up');
	await status(280, 'monitoring', 'A real payment went through; watching the success rate.');
	await step(280, claire, 'Monitor payments for 30 minutes', 'start');
	await step(312, claire, 'Monitor payments for 30 minutes', 'complete');
	await step(312, claire, 'Resolve the incident', 'start');
	await status(314, 'resolved', 'Payment success rate back to normal for 30 minutes.');
	await step(315, claire, 'Resolve the incident', 'complete');

	await clock.rewind(incidentId);
	// The back-dated note keeps when it happened; it was typed during the diagnosis.
	await db()`update events set recorded_at = ${clock.at(40)}
		where stream_id = ${incidentId} and seq = ${backdated.result.seq}`;
	await settleIncidentTimes(incidentId);
	return incidentId;
}
