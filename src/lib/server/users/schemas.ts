import { z } from 'zod';
import { ORGANIZATION_KINDS } from '$lib/roles';
import { MIN_PASSWORD_LENGTH } from '../auth/password';

export const email = z
	.string({ message: 'Enter your email address.' })
	.trim()
	.toLowerCase()
	.max(320, { message: 'This email address is too long.' })
	.email({ message: 'Enter a valid email address, like name@example.com.' });

export const newPassword = z
	.string({ message: 'Choose a password.' })
	.min(MIN_PASSWORD_LENGTH, {
		message: `Use at least ${MIN_PASSWORD_LENGTH} characters for your password.`
	})
	.max(200, { message: 'Use at most 200 characters for your password.' });

const timezone = z
	.string()
	.trim()
	.max(64)
	.refine((tz) => isTimezone(tz), { message: 'Unknown timezone.' })
	.catch('UTC');

export const organizationInput = z.object({
	name: z
		.string({ message: 'Name your organization.' })
		.trim()
		.min(2, { message: 'Use at least 2 characters for the organization name.' })
		.max(80, { message: 'Use at most 80 characters for the organization name.' }),
	kind: z.enum(ORGANIZATION_KINDS, { message: 'Choose merchant or provider.' })
});
export type OrganizationInput = z.infer<typeof organizationInput>;

export const signUpInput = z.object({
	email,
	displayName: z
		.string({ message: 'Enter your name.' })
		.trim()
		.min(1, { message: 'Enter your name.' })
		.max(80, { message: 'Use at most 80 characters for your name.' }),
	password: newPassword,
	timezone,
	// The language the person read the sign-up page in: they keep reading in it.
	locale: z.enum(['en', 'fr']).catch('en'),
	organization: organizationInput.optional()
});

export const signInInput = z.object({
	email,
	password: z
		.string({ message: 'Enter your password.' })
		.min(1, { message: 'Enter your password.' })
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
