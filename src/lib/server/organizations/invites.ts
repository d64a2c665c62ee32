import type { Role } from '$lib/organizations/roles';
import type { Actor } from '../access/actor';
import { inOrganization } from '../access/authorize';
import { hashSecret, randomSecret } from '../auth/tokens';
import type { Tx } from '../db/db';
import { AppError } from '../errors';
import { runCommand, type Step, command, secretCommand } from '../events/command';
import { localeOf, mailOrganizationInvite } from '../mail/compose';
import { uuid } from '../validation';
import { findInviteByHash } from './queries';
import { inviteInput } from './schemas';
import { m } from '$lib/paraglide/messages';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Invites an organization may create per hour: enough for onboarding a team, not for spam. */
export const INVITES_PER_HOUR = 50;

async function assertInviteQuota(tx: Tx, organizationId: string) {
	const [row] = await tx<{ recent: number }[]>`
		select count(*)::int as recent from invites
		where organization_id = ${organizationId} and created_at > now() - interval '1 hour'`;
	if ((row?.recent ?? 0) >= INVITES_PER_HOUR) {
		throw new AppError('rate_limited', m.err_invites_rate_limited({ max: INVITES_PER_HOUR }));
	}
}

/** Creates a single-use, expiring invite; the secret is returned once and only its hash kept. */
export const createInvite = secretCommand(
	inOrganization('member.invite'),
	inviteInput,
	() => randomSecret(24),
	async (tx, emit, data, { id: organizationId, context }, secret) => {
		const expiresAt = new Date(Date.now() + data.expiresInDays * DAY_MS);
		await assertInviteQuota(tx, organizationId);
		const [invite] = await tx<{ id: string }[]>`
			insert into invites (organization_id, token_hash, role, email, created_by, expires_at)
			values (${organizationId}, ${hashSecret(secret)}, ${data.role}, ${data.email ?? null},
				${context.actor.userId}, ${expiresAt})
			returning id`;
		if (!invite) throw new Error('invite insert returned no row');
		await emit({
			streamId: organizationId,
			kind: 'invite.created',
			payload: {
				inviteId: invite.id,
				role: data.role,
				email: data.email ?? null,
				expiresAt: expiresAt.toISOString()
			}
		});
		// An invite for an address is mailed to it (queued with the invite; kept unsent without SMTP).
		if (data.email) {
			const [from] = await tx<{ organization: string; locale: string }[]>`
				select o.name as organization, coalesce(u.locale, 'en') as locale
				from organizations o left join users u on u.id = ${context.actor.userId}
				where o.id = ${organizationId}`;
			await mailOrganizationInvite(
				tx,
				{
					email: data.email,
					userId: null,
					locale: await localeOf(tx, data.email, from?.locale ?? 'en')
				},
				{
					organizationId,
					organization: from?.organization ?? '',
					inviter: context.actor.name,
					role: data.role,
					token: secret,
					expiresAt
				}
			);
		}
		return { inviteId: invite.id, expiresAt: expiresAt.toISOString(), mailed: Boolean(data.email) };
	}
);

export const revokeInvite = command(
	inOrganization('member.invite'),
	uuid,
	async (tx, emit, id, { id: organizationId }) => {
		const rows = await tx`
			update invites set revoked_at = now()
			where id = ${id} and organization_id = ${organizationId}
				and accepted_at is null and revoked_at is null
			returning id`;
		if (rows.length === 0) throw new AppError('not_found', m.err_invite_unknown());
		await emit({ streamId: organizationId, kind: 'invite.revoked', payload: { inviteId: id } });
		return { inviteId: id };
	}
);

/** What the invite page shows before the person accepts; refuses used or expired links. */
export async function readInvite(token: string) {
	const invite = await findInviteByHash(hashSecret(token));
	if (!invite) throw new AppError('not_found', m.err_invite_link_invalid());
	if (invite.revoked_at) throw new AppError('gone', m.err_invite_revoked());
	if (invite.accepted_at) throw new AppError('gone', m.err_invite_used());
	if (invite.expires_at.getTime() <= Date.now()) {
		throw new AppError('gone', m.err_invite_expired());
	}
	return invite;
}

/** Joins the invited organization: a step, so that a new account can join in its own transaction. */
export const acceptInviteStep: Step<[token: string], { organizationId: string }> = async (
	tx,
	emit,
	actor,
	token
) => {
	const [claimed] = await tx<{ id: string; organization_id: string; role: Role }[]>`
		update invites set accepted_at = now(), accepted_by = ${actor.userId}
		where token_hash = ${hashSecret(token)} and accepted_at is null and revoked_at is null
			and expires_at > now()
		returning id, organization_id, role`;
	if (!claimed) {
		await readInvite(token);
		throw new AppError('gone', m.err_invite_unusable());
	}
	const joined = await tx`
		insert into memberships (organization_id, user_id, role)
		values (${claimed.organization_id}, ${actor.userId}, ${claimed.role})
		on conflict do nothing returning user_id`;
	if (joined.length === 0) throw new AppError('conflict', m.err_already_member());
	await emit({
		streamId: claimed.organization_id,
		kind: 'member.joined',
		payload: { userId: actor.userId, name: actor.name, role: claimed.role, inviteId: claimed.id }
	});
	return { organizationId: claimed.organization_id };
};

export async function acceptInvite(actor: Actor, token: string) {
	return runCommand({ actor }, (tx, emit) => acceptInviteStep(tx, emit, actor, token));
}
