import { z } from 'zod';
import { findMembership, inOrganization } from '../access/authorize';
import { db } from '../db/db';
import { AppError } from '../errors';
import { runCommand, secretCommand } from '../events/command';
import { endSocketsOfSessions } from '../realtime/control';
import { newPassword } from '../users/schemas';
import { mailPasswordReset } from '../mail/compose';
import { smtpSettings } from '../mail/settings';
import { parse, requiredText, uuid } from '../validation';
import { hashPassword } from './password';
import { invalidateUserSessions } from './session';
import { hashSecret, randomSecret } from './tokens';
import { roleAtLeast, roleLabel } from '$lib/organizations/roles';
import { m } from '$lib/paraglide/messages';

const RESET_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** An owner or admin issues a member a single-use reset link (no mail server is assumed). */
export const issuePasswordReset = secretCommand(
	inOrganization('member.issue_password_reset'),
	uuid,
	() => randomSecret(24),
	async (tx, emit, targetId, { id: organizationId, access: issuer, context }, secret) => {
		const expiresAt = new Date(Date.now() + RESET_LIFETIME_MS);
		const target = await findMembership(targetId, organizationId, tx);
		if (!target) throw new AppError('not_found', m.err_not_a_member());
		if (!roleAtLeast(issuer.role, target.role)) {
			throw new AppError('forbidden', m.err_reset_owner_only({ role: roleLabel(target.role) }));
		}
		await tx`
			insert into password_resets (user_id, organization_id, token_hash, created_by, expires_at)
			values (${targetId}, ${organizationId}, ${hashSecret(secret)}, ${context.actor.userId}, ${expiresAt})`;
		// Mailed to the member too (when SMTP is configured); the link is also shown to the issuer.
		const [to] = await tx<{ email: string; locale: string }[]>`
			select email, locale from users where id = ${targetId} and kind = 'person'`;
		if (to) {
			await mailPasswordReset(
				tx,
				{ email: to.email, userId: targetId, locale: to.locale },
				{ token: secret, expiresAt, organizationId }
			);
		}
		await emit({
			streamId: organizationId,
			kind: 'member.password_reset_issued',
			payload: { userId: targetId, expiresAt: expiresAt.toISOString() }
		});
		return { userId: targetId, expiresAt: expiresAt.toISOString() };
	}
);

interface ResetRow {
	id: string;
	user_id: string;
	organization_id: string | null;
	email: string;
	display_name: string;
	expires_at: Date;
	used_at: Date | null;
}

export async function readPasswordReset(token: string): Promise<ResetRow> {
	const [row] = await db()<ResetRow[]>`
		select r.id, r.user_id, r.organization_id, u.email, u.display_name, r.expires_at, r.used_at
		from password_resets r join users u on u.id = r.user_id
		where r.token_hash = ${hashSecret(token)}`;
	if (!row) throw new AppError('not_found', m.err_reset_link_invalid());
	if (row.used_at) throw new AppError('gone', m.err_reset_link_used_ask());
	if (row.expires_at.getTime() <= Date.now()) {
		throw new AppError('gone', m.err_reset_link_expired());
	}
	return row;
}

export const completeInput = z.object({ password: newPassword });

/** Sets the new password, burns the link and ends every session of that person. */
export async function completePasswordReset(token: string, input: unknown, address?: string) {
	const { password } = parse(completeInput, input);
	const reset = await readPasswordReset(token);
	const passwordHash = await hashPassword(password);
	const actor = { userId: reset.user_id, name: reset.display_name, address };
	let ended: string[] = [];
	await runCommand({ actor }, async (tx, emit) => {
		const used = await tx`
			update password_resets set used_at = now()
			where id = ${reset.id} and used_at is null returning id`;
		if (used.length === 0) throw new AppError('gone', m.err_reset_link_used());
		await tx`update users set password_hash = ${passwordHash}, version = version + 1 where id = ${reset.user_id}`;
		ended = await invalidateUserSessions(reset.user_id, null, tx);
		// Told on the stream of the organization that issued it, or (asked by the person
		// themself) on each of theirs, for their admins' audit log.
		const streams = reset.organization_id
			? [reset.organization_id]
			: (
					await tx<{ organization_id: string }[]>`
						select organization_id from memberships where user_id = ${reset.user_id}`
				).map((r) => r.organization_id);
		for (const streamId of streams) {
			await emit({ streamId, kind: 'member.password_reset', payload: { userId: reset.user_id } });
		}
		return { userId: reset.user_id };
	});
	endSocketsOfSessions(ended, m.sock_password_reset());
	return { email: reset.email };
}

/** Requests a person may make per address per hour, and per network address. */
export const RESET_REQUESTS_PER_HOUR = 3;

export const requestInput = z.object({
	email: requiredText(
		{ min: 3, max: 320 },
		{ required: () => m.val_reset_email_required(), long: () => m.val_reset_email_long() }
	)
		.toLowerCase()
		.refine((v) => /^[^\s@]+@[^\s@]+$/.test(v), {
			error: () => m.val_reset_email_invalid()
		})
});

/**
 * "Forgot password": a person asks for a link for themself; it goes to their address only, by
 * mail (so only when SMTP is configured). The answer is the same whether an account exists or
 * not, so the form tells nobody who has one.
 */
export async function requestPasswordReset(input: unknown, address?: string) {
	const { email } = parse(requestInput, input);
	if (!smtpSettings()) {
		throw new AppError('conflict', m.err_reset_no_smtp());
	}
	const [user] = await db()<{ id: string; display_name: string; locale: string; email: string }[]>`
		select id, display_name, locale, email from users
		where lower(email) = ${email} and kind = 'person' and password_hash is not null`;
	if (!user) return { requested: true };
	const secret = randomSecret(24);
	const expiresAt = new Date(Date.now() + RESET_LIFETIME_MS);
	const actor = { userId: user.id, name: user.display_name, address };
	await runCommand({ actor }, async (tx) => {
		const [recent] = await tx<{ n: number }[]>`
			select count(*)::int as n from password_resets
			where user_id = ${user.id} and created_by is null and created_at > now() - interval '1 hour'`;
		// Quietly: a flood of requests for someone else's address sends them at most a few mails.
		if ((recent?.n ?? 0) >= RESET_REQUESTS_PER_HOUR) return { requested: true };
		await tx`
			insert into password_resets (user_id, organization_id, token_hash, created_by, expires_at)
			values (${user.id}, null, ${hashSecret(secret)}, null, ${expiresAt})`;
		await mailPasswordReset(
			tx,
			{ email: user.email, userId: user.id, locale: user.locale },
			{ token: secret, expiresAt, organizationId: null }
		);
		return { requested: true };
	});
	return { requested: true };
}
