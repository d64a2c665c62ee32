import { z } from 'zod';
import { ORGANIZATION_KINDS } from '$lib/organizations/roles';
import { MIN_PASSWORD_LENGTH } from '../auth/password';
import { requiredText } from '../validation';
import { m } from '$lib/paraglide/messages';

export const email = z
	.string({ error: () => m.val_email_required() })
	.trim()
	.toLowerCase()
	.max(320, { error: () => m.val_email_too_long() })
	.email({ error: () => m.val_email_invalid() });

export const newPassword = z
	.string({ error: () => m.val_password_required() })
	.min(MIN_PASSWORD_LENGTH, {
		error: () => m.val_password_too_short({ min: MIN_PASSWORD_LENGTH })
	})
	.max(200, { error: () => m.val_password_too_long() });

const timezone = z
	.string()
	.trim()
	.max(64)
	.refine((tz) => isTimezone(tz), { error: () => m.val_timezone_unknown() })
	.catch('UTC');

export const organizationInput = z.object({
	name: requiredText(
		{ min: 2, max: 80 },
		{
			required: () => m.val_organization_name_required(),
			short: () => m.val_organization_name_short(),
			long: () => m.val_organization_name_long()
		}
	),
	kind: z.enum(ORGANIZATION_KINDS, { error: () => m.val_organization_kind() })
});
export type OrganizationInput = z.infer<typeof organizationInput>;

export const signUpInput = z.object({
	email,
	displayName: requiredText(
		{ max: 80 },
		{ required: () => m.val_name_required(), long: () => m.val_name_too_long() }
	),
	password: newPassword,
	timezone,
	// The language the person read the sign-up page in: they keep reading in it.
	locale: z.enum(['en', 'fr']).catch('en'),
	organization: organizationInput.optional()
});

export const signInInput = z.object({
	email,
	password: z
		.string({ error: () => m.val_password_enter() })
		.min(1, { error: () => m.val_password_enter() })
		.max(200)
});

export function isTimezone(tz: string): boolean {
	try {
		new Intl.DateTimeFormat('en', { timeZone: tz });
		return true;
	} catch {
		return false;
	}
}
