import { z } from 'zod';
import { authorize, findMembership } from '../access/authorize';
import { db } from '../db/db';
import { AppError } from '../errors';
import { runCommand, type CommandContext } from '../events/command';
import { endSocketsOfSessions } from '../realtime/control';
import { newPassword } from '../users/schemas';
import { parse, uuid } from '../validation';
import { hashPassword } from './password';
import { invalidateUserSessions } from './session';
import { hashSecret, randomSecret } from './tokens';
import { roleAtLeast, roleLabel } from '$lib/roles';
import { m } from '$lib/paraglide/messages';

const RESET_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** An owner or admin issues a member a single-use reset link (no mail server is assumed). */
export async function issuePasswordReset(
	context: CommandContext,
	organizationId: string,
	userId: unknown
) {
	const targetId = parse(uuid, userId);
	const secret = randomSecret(24);
	const expiresAt = new Date(Date.now() + RESET_LIFETIME_MS);
	const outcome = await runCommand(context, async (tx, emit) => {
		const issuer = await authorize(
			context.actor,
			organizationId,
			'member.issue_password_reset',
			tx
		);
		const target = await findMembership(targetId, organizationId, tx);
		if (!target) throw new AppError('not_found', m.err_not_a_member());
		if (!roleAtLeast(issuer.role, target.role)) {
			throw new AppError('forbidden', m.err_reset_owner_only({ role: roleLabel(target.role) }));
		}
		await tx`
			insert into password_resets (user_id, organization_id, token_hash, created_by, expires_at)
			values (${targetId}, ${organizationId}, ${hashSecret(secret)}, ${context.actor.userId}, ${expiresAt})`;
		await emit({
			streamId: organizationId,
			kind: 'member.password_reset_issued',
			payload: { userId: targetId, expiresAt: expiresAt.toISOString() }
		});
		return { userId: targetId, expiresAt: expiresAt.toISOString() };
	});
	return { ...outcome.result, token: outcome.replayed ? null : secret };
}

interface ResetRow {
	id: string;
	user_id: string;
	organization_id: string;
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
		await emit({
			streamId: reset.organization_id,
			kind: 'member.password_reset',
			payload: { userId: reset.user_id }
		});
		return { userId: reset.user_id };
	});
	endSocketsOfSessions(ended, m.sock_password_reset());
	return { email: reset.email };
}
