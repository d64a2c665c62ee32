import { m } from '$lib/paraglide/messages';
import { labels } from '$lib/text/labels';

/** Roles from least to most powerful; shared with the browser for labels and forms. */
export const ROLES = ['viewer', 'responder', 'admin', 'owner'] as const;
export type Role = (typeof ROLES)[number];

export const ORGANIZATION_KINDS = ['merchant', 'provider'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

export function roleAtLeast(role: Role, minimum: Role): boolean {
	return ROLES.indexOf(role) >= ROLES.indexOf(minimum);
}

/** The word a person reads for a role, in their language (or the one given). */
export const roleLabel = labels<Role>({
	viewer: m.role_viewer,
	responder: m.role_responder,
	admin: m.role_admin,
	owner: m.role_owner
});
