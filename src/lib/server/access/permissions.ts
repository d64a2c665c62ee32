import type { Role } from '$lib/organizations/roles';

/**
 * The one table of who may do what inside an organization: each action names the least
 * role that may perform it. Every route, form action, API endpoint and socket event checks
 * one of these through `authorize`.
 */
export const PERMISSIONS = {
	'organization.view': 'viewer',
	'organization.rename': 'owner',
	'member.list': 'viewer',
	'member.invite': 'owner',
	'member.change_role': 'owner',
	'member.remove': 'owner',
	'member.issue_password_reset': 'admin',
	'audit.view': 'admin',
	'token.manage': 'admin',
	'room.join': 'viewer',
	'incident.view': 'viewer',
	'incident.declare': 'responder',
	'incident.update': 'responder',
	'incident.share': 'admin',
	'timeline.write': 'responder',
	'inventory.view': 'viewer',
	'inventory.status': 'responder',
	'inventory.edit': 'admin',
	'contacts.view': 'viewer',
	'contacts.log_call': 'responder',
	'contacts.edit': 'admin',
	'template.view': 'viewer',
	'template.edit': 'admin',
	'run.start': 'responder',
	'step.work': 'responder',
	'step.reopen': 'admin',
	// The floor: a step's own requirement (a role of a named organization) may ask for more.
	'step.approve': 'responder',
	'integration.manage': 'admin',
	'alert.view': 'viewer',
	// Sign-in with the organization's identity provider: who signs in, with which role.
	'sso.manage': 'owner',
	// Ops out (issue 15): outgoing webhooks and chat, the public status page, public updates.
	'webhook.manage': 'admin',
	'status_page.manage': 'admin',
	'status.publish': 'responder'
} as const satisfies Record<string, Role>;

export type Permission = keyof typeof PERMISSIONS;
