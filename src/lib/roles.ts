/** Roles from least to most powerful; shared with the browser for labels and forms. */
export const ROLES = ['viewer', 'responder', 'admin', 'owner'] as const;
export type Role = (typeof ROLES)[number];

export const ORGANIZATION_KINDS = ['merchant', 'provider'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

export function roleAtLeast(role: Role, minimum: Role): boolean {
	return ROLES.indexOf(role) >= ROLES.indexOf(minimum);
}
