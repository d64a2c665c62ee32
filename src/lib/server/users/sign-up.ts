import type { z } from 'zod';
import { db } from '../db/db';
import { AppError } from '../errors';
import { hashPassword } from '../auth/password';
import { createOrganization } from '../organizations/commands';
import { parse } from '../validation';
import { signUpInput } from './schemas';

export type SignUpInput = z.input<typeof signUpInput>;

/** Creates an account (and, if asked, the person's first organization, which they own). */
export async function signUp(input: unknown, context: { address?: string } = {}) {
	const data = parse(signUpInput, input);
	const passwordHash = await hashPassword(data.password);
	const [user] = await db()<{ id: string }[]>`
		insert into users (email, display_name, password_hash, timezone)
		values (${data.email}, ${data.displayName}, ${passwordHash}, ${data.timezone})
		on conflict do nothing
		returning id`;
	if (!user) {
		throw new AppError('conflict', 'An account with this email already exists: sign in instead.', {
			email: 'An account with this email already exists.'
		});
	}
	const actor = { userId: user.id, name: data.displayName, address: context.address };
	const organization = data.organization
		? (await createOrganization(actor, data.organization)).result
		: null;
	return { userId: user.id, organizationId: organization?.organizationId ?? null };
}
