import type { Role } from '$lib/roles';

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
	'room.join': 'viewer'
} as const satisfies Record<string, Role>;

export type Permission = keyof typeof PERMISSIONS;
