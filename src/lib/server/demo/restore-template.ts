import { declareStep, templateStep } from './template-step';

/** Petit Nuage's short runbook for a failed database server: about four and a half hours. */
export const RESTORE_TEMPLATE_NAME = 'Restore db01 from the last backup';

const step = templateStep;

export const RESTORE_TEMPLATE_BODY = {
	phases: [
		{
			title: 'Mobilise',
			steps: [
				declareStep(
					'Declare the incident, invite Rempart Hosting, link db01 and the payment pages.'
				),
				step(
					'maintenance',
					'Put the payment pages in maintenance',
					'client',
					'DSI developers',
					15,
					['declare'],
					'Show the order-by-phone message instead of the checkout.'
				),
				step(
					'page-dba',
					'Page the Rempart DBA on call',
					'provider',
					'NOC',
					20,
					['declare'],
					'Page the DBA on call and confirm in the timeline who takes db01.'
				)
			]
		},
		{
			title: 'Diagnose',
			steps: [
				step(
					'diagnose',
					'Confirm the failed disks on db01',
					'provider',
					'DBA on call',
					30,
					['page-dba'],
					'Check the RAID controller log and SMART data; decide repair or restore.'
				)
			]
		},
		{
			title: 'Restore',
			steps: [
				step(
					'restore',
					'Restore db01 from the last backup',
					'provider',
					'DBA on call',
					120,
					['diagnose'],
					'Restore the last nightly dump from the backup vault onto the spare array.'
				),
				step(
					'replay',
					'Replay binlogs up to the failure',
					'provider',
					'DBA on call',
					30,
					['restore'],
					'Replay the binary logs up to the last write before the failure; compare row counts.'
				)
			]
		},
		{
			title: 'Verify',
			steps: [
				step(
					'payment-test',
					'Test a real payment',
					'client',
					'DSI on duty',
					20,
					['replay', 'maintenance'],
					'Lift the maintenance page, place a real 1 € order and refund it.'
				),
				step(
					'monitor',
					'Monitor payments for 30 minutes',
					'client',
					'DSI on duty',
					30,
					['payment-test'],
					'Watch the payment success rate against the same hour last week.'
				),
				step(
					'resolve',
					'Resolve the incident',
					'client',
					'Commander',
					5,
					['monitor'],
					'Set the incident to resolved and schedule the post-mortem.'
				)
			]
		}
	]
};
