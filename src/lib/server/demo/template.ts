import { declareStep, templateStep } from './template-step';

/** "Rebuild the shop cluster overnight": about 14 hours from mobilisation to resolution. */
export const REBUILD_TEMPLATE_NAME = 'Rebuild the shop cluster overnight';

const step = templateStep;

export const REBUILD_TEMPLATE_BODY = {
	phases: [
		{
			title: 'Mobilise',
			steps: [
				declareStep('Declare a **SEV1**, invite Rempart Hosting into the room, name a commander.'),
				step(
					'mobilise',
					'Mobilise the Rempart on-call team',
					'provider',
					'NOC',
					45,
					['declare'],
					'Page the on-call engineer, confirm who is on site tonight, give an ETA in the timeline.'
				),
				step(
					'spares',
					'Confirm spares and datacentre access',
					'provider',
					'On-call engineer',
					45,
					['mobilise'],
					'Check the spare chassis at PAR2 and badge access for the night shift.'
				)
			]
		},
		{
			title: 'Provision',
			steps: [
				step(
					'provision',
					'Provision {server} from spares',
					'provider',
					'On-call engineer',
					60,
					['spares'],
					'Rack the spare, move the disks if readable, cable to the shop VLAN.',
					'shop-cluster'
				)
			]
		},
		{
			title: 'Reinstall Debian',
			steps: [
				step(
					'reinstall',
					'Reinstall Debian on {server}',
					'provider',
					'On-call engineer',
					90,
					['provision'],
					'PXE boot, install Debian 12 with the `shop` preseed, apply the base Ansible role.\n\n1. Check the serial console\n2. Run `ansible-playbook base.yml -l {server}`',
					'shop-cluster'
				)
			]
		},
		{
			title: 'Restore data',
			steps: [
				step(
					'restore',
					'Restore db01 from the last backup',
					'provider',
					'DBA on call',
					240,
					['reinstall'],
					'Restore the 02:00 dump from the backup vault, replay binlogs up to the crash, check row counts with the DSI.'
				)
			]
		},
		{
			title: 'Deploy',
			steps: [
				step(
					'deploy',
					'Deploy the shop on web01–web04',
					'client',
					'DSI developers',
					90,
					['restore'],
					'Deploy the current release tag with the deployment pipeline; warm the caches.'
				),
				step(
					'reindex',
					'Reindex the catalogue on idx01',
					'client',
					'DSI developers',
					150,
					['restore'],
					'Full Elasticsearch reindex of the catalogue (about 180,000 products).'
				),
				step(
					'lb',
					'Configure lb01',
					'provider',
					'On-call engineer',
					30,
					['reinstall'],
					'Restore the HAProxy configuration from the config repository; backends in maintenance.'
				)
			]
		},
		{
			title: 'Verify',
			steps: [
				step(
					'smoke',
					'Smoke-test the catalogue and payment pages',
					'client',
					'DSI on duty',
					45,
					['deploy', 'reindex', 'lb'],
					'Browse 20 product pages, search, add to basket, pay with the test card on the PSP sandbox, then a real 1 € order.'
				)
			]
		},
		{
			title: 'Switch back',
			steps: [
				step(
					'switch',
					'Switch traffic back to the cluster',
					'provider',
					'On-call engineer',
					20,
					['smoke'],
					'Take the backends out of maintenance; lower the DNS TTL back to 300 s.'
				),
				step(
					'monitor',
					'Monitor for one hour',
					'client',
					'DSI on duty',
					60,
					['switch'],
					'Watch orders per minute, 5xx rate and payment success rate against last Friday.'
				),
				step(
					'resolve',
					'Resolve the incident',
					'client',
					'Commander',
					10,
					['monitor'],
					'Set the incident to resolved and schedule the post-mortem.'
				)
			]
		}
	]
};
