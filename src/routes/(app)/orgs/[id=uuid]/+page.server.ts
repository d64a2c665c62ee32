import { authorize, may } from '$lib/server/access/authorize';
import { issuePasswordReset } from '$lib/server/auth/password-reset';
import { listRecentEvents, findStream } from '$lib/server/events/queries';
import { mayRead } from '$lib/server/events/visibility';
import { AppError } from '$lib/server/errors';
import { mailStatus } from '$lib/server/mail/outbox';
import { describeSmtp, smtpSettings } from '$lib/server/mail/settings';
import { runFormAction } from '$lib/server/form-action';
import { changeMemberRole, removeMember } from '$lib/server/organizations/commands';
import { createInvite, revokeInvite } from '$lib/server/organizations/invites';
import {
	changeInvitationCode,
	readInvitationCode
} from '$lib/server/organizations/invitation-code';
import {
	findOrganization,
	listMembers,
	listPendingInvites
} from '$lib/server/organizations/queries';
import { error } from '@sveltejs/kit';
import { isAppError } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/access/require-user';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = async ({ locals, params }) => {
	requireUser(locals);
	const actor = { userId: locals.user.id };
	try {
		const membership = await authorize(actor, params.id, 'organization.view');
		const [organization, members, stream, events, canInvite, canReset, canAudit, canTokens] =
			await Promise.all([
				findOrganization(params.id),
				listMembers(params.id),
				findStream(params.id),
				listRecentEvents(params.id, 30),
				may(actor, params.id, 'member.invite'),
				may(actor, params.id, 'member.issue_password_reset'),
				may(actor, params.id, 'audit.view'),
				may(actor, params.id, 'token.manage')
			]);
		const canShare = await may(actor, params.id, 'incident.share');
		if (!organization) throw new AppError('not_found', m.err_org_not_found());
		return {
			organization,
			role: membership.role,
			members,
			invites: canInvite ? await listPendingInvites(params.id) : [],
			canInvite,
			canReset,
			canAudit,
			canTokens,
			mailConfigured: smtpSettings() !== null,
			// Admins see where mail goes and whether it is failing (a wrong SMTP password…).
			mail: canReset
				? { ...(await mailStatus(params.id)), server: describeSmtp(smtpSettings()) }
				: null,
			invitationCode: canShare ? await readInvitationCode(actor, params.id) : null,
			events: events.filter((e) => mayRead({ userId: actor.userId, role: membership.role }, e)),
			lastSeq: stream?.lastSeq ?? 0
		};
	} catch (e) {
		if (isAppError(e)) error(e.status, e.message);
		throw e;
	}
};

export const actions: Actions = {
	invite: (event) =>
		runFormAction(event, 'invite', async (actor, values) => {
			const invite = await createInvite(
				{ actor, clientMutationId: values.clientMutationId || null },
				event.params.id,
				values
			);
			return {
				link: invite.token ? `${event.url.origin}/invite/${invite.token}` : null,
				mailedTo: invite.mailed ? (values.email ?? '') : ''
			};
		}),
	revokeInvite: (event) =>
		runFormAction(event, 'revokeInvite', async (actor, values) => {
			await revokeInvite({ actor }, event.params.id, values.inviteId);
			return {};
		}),
	changeRole: (event) =>
		runFormAction(event, 'changeRole', async (actor, values) => {
			await changeMemberRole({ actor }, event.params.id, values);
			return {};
		}),
	removeMember: (event) =>
		runFormAction(event, 'removeMember', async (actor, values) => {
			await removeMember({ actor }, event.params.id, values);
			return {};
		}),
	changeInvitationCode: (event) =>
		runFormAction(event, 'changeInvitationCode', async (actor, values) => {
			await changeInvitationCode(
				{ actor, clientMutationId: values.clientMutationId || null },
				event.params.id
			);
			return {};
		}),
	issueReset: (event) =>
		runFormAction(event, 'issueReset', async (actor, values) => {
			const reset = await issuePasswordReset({ actor }, event.params.id, values.userId);
			return {
				resetLink: reset.token ? `${event.url.origin}/reset/${reset.token}` : null,
				resetFor: values.userId ?? ''
			};
		})
};
