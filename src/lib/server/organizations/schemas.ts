import { z } from 'zod';
import { ROLES } from '$lib/roles';
import { email } from '../users/schemas';
import { uuid } from '../validation';

export { organizationInput, type OrganizationInput } from '../users/schemas';

export const role = z.enum(ROLES, { message: 'Choose a role: owner, admin, responder or viewer.' });

export const inviteInput = z.object({
	role,
	email: z.preprocess((v) => (v === '' ? undefined : v), email.optional()),
	expiresInDays: z.coerce
		.number({ message: 'Give the validity in days.' })
		.int()
		.min(1, { message: 'An invite lasts at least 1 day.' })
		.max(30, { message: 'An invite lasts at most 30 days.' })
		.default(7)
});

export const changeRoleInput = z.object({
	userId: uuid,
	role,
	version: z.coerce.number().int().positive().optional()
});

export const memberInput = z.object({ userId: uuid });
