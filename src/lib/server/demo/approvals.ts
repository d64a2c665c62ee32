import { createTemplate } from '../runbooks/templates';
import type { DemoCast } from './people';

export const FIREWALL_TEMPLATE_NAME = 'Open the firewall to new front ends';

/**
 * Rempart's own short runbook, started by its engineers inside a shared incident of Petit
 * Nuage: opening the firewall needs an admin of Petit Nuage (its security officer) to approve.
 */
export async function seedFirewallTemplate({ nadia, rempart, petitNuage }: DemoCast) {
	const step = {
		instructions: '',
		itemIds: [],
		expandTag: null,
		ownerSide: 'provider' as const,
		role: 'network engineer'
	};
	return createTemplate({ actor: nadia }, rempart, {
		name: FIREWALL_TEMPLATE_NAME,
		description:
			'Let the rebuilt front ends through the perimeter firewall: the merchant’s security officer approves first.',
		body: {
			phases: [
				{
					title: 'Firewall',
					steps: [
						{
							...step,
							key: 'open-firewall',
							title: 'Open the firewall to the new front ends',
							instructions:
								'Allow **443/tcp** from the load balancer to web01–web04 on the new addresses; log the rule ids in a note.',
							plannedMinutes: 20,
							dependsOn: [],
							requiresApproval: { organizationId: petitNuage, role: 'admin' }
						},
						{
							...step,
							key: 'check-through-firewall',
							title: 'Check the shop through the new rules',
							plannedMinutes: 10,
							dependsOn: ['open-firewall'],
							requiresApproval: null
						}
					]
				}
			]
		}
	});
}
