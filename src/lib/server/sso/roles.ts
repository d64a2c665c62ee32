import { ROLES, type Role } from '$lib/organizations/roles';

/** The roles a provider may grant: owners are named inside Nightshift, never by a provider. */
export const SSO_ROLES = ['viewer', 'responder', 'admin'] as const;
export type SsoRole = (typeof SSO_ROLES)[number];

export type GroupRole = { group: string; role: SsoRole };

/**
 * The groups a provider put in its claim: a list of names (Keycloak, Authentik), or one name.
 * Keycloak sends full paths ("/nightshift-admins") when "Full group path" is on: a mapping
 * written without the slash matches both.
 */
export function groupsOf(claims: Record<string, unknown>, claimName: string): string[] {
	const value = claims[claimName];
	const list = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
	return list.filter((g): g is string => typeof g === 'string');
}

function sameGroup(mapped: string, claimed: string): boolean {
	const strip = (g: string) => g.replace(/^\//, '').toLowerCase();
	return strip(mapped) === strip(claimed);
}

/**
 * The role a person gets from their groups: the highest mapped role among their groups, else
 * the default role, else null (they are outside the allowed groups and may not sign in).
 */
export function roleFromGroups(
	groups: string[],
	mapping: GroupRole[],
	defaultRole: SsoRole | null
): SsoRole | null {
	let best: SsoRole | null = null;
	for (const { group, role } of mapping) {
		if (!groups.some((g) => sameGroup(group, g))) continue;
		if (best === null || ROLES.indexOf(role) > ROLES.indexOf(best)) best = role;
	}
	return best ?? defaultRole;
}

/** A member's role after a sign-in: owners keep theirs; everyone else gets the provider's. */
export function nextRole(current: Role | null, granted: SsoRole): Role {
	return current === 'owner' ? 'owner' : granted;
}
