import { z } from 'zod';
import { ROLES } from '$lib/organizations/roles';
import { email } from '../users/schemas';
import { uuid } from '../validation';
import { m } from '$lib/paraglide/messages';

export { organizationInput, type OrganizationInput } from '../users/schemas';

export const role = z.enum(ROLES, { error: () => m.val_role_choice() });

export const inviteInput = z.object({
	role,
	email: z.preprocess((v) => (v === '' ? undefined : v), email.optional()),
	expiresInDays: z.coerce
		.number({ error: () => m.val_invite_days() })
		.int()
		.min(1, { error: () => m.val_invite_days_min() })
		.max(30, { error: () => m.val_invite_days_max() })
		.default(7)
});

export const changeRoleInput = z.object({
	userId: uuid,
	role,
	version: z.coerce.number().int().positive().optional()
});

export const memberInput = z.object({ userId: uuid });
