import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Actor } from '../access/actor';
import { hashPassword } from '../auth/password';
import { AppError } from '../errors';
import { runCommand } from '../events/command';
import { createOrganizationStep } from '../organizations/commands';
import { acceptInviteStep } from '../organizations/invites';
import { parse } from '../validation';
import { signUpInput } from './schemas';
import { m } from '$lib/paraglide/messages';

export type SignUpInput = z.input<typeof signUpInput>;

/**
 * Creates an account and, if asked, the person's first organization, which they own, or joins the
 * organization whose invite they came with: one transaction, so a failure leaves neither an
 * account without its organization nor the reverse, nor a used invite without its member.
 */
export async function signUp(
	input: unknown,
	context: { address?: string; inviteToken?: string } = {}
) {
	const data = parse(signUpInput, input);
	const passwordHash = await hashPassword(data.password);
	// The id is chosen here so that the new person is the actor of their own first events.
	const actor: Actor = {
		userId: randomUUID(),
		name: data.displayName,
		address: context.address,
		source: 'manual'
	};
	const { result } = await runCommand({ actor }, async (tx, emit) => {
		const [user] = await tx<{ id: string }[]>`
			insert into users (id, email, display_name, password_hash, timezone, locale)
			values (${actor.userId}, ${data.email}, ${data.displayName}, ${passwordHash}, ${data.timezone},
				${data.locale})
			on conflict do nothing
			returning id`;
		if (!user) {
			throw new AppError('conflict', m.err_account_exists(), {
				email: m.err_account_exists_field()
			});
		}
		const organization = data.organization
			? await createOrganizationStep(tx, emit, actor, data.organization)
			: null;
		const joined = context.inviteToken
			? await acceptInviteStep(tx, emit, actor, context.inviteToken)
			: null;
		return {
			userId: user.id,
			organizationId: organization?.organizationId ?? joined?.organizationId ?? null
		};
	});
	return result;
}
