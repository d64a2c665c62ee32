import { authorize, may } from '$lib/server/access/authorize';
import { issuePasswordReset } from '$lib/server/auth/password-reset';
import { listRecentEvents, findStream } from '$lib/server/events/queries';
import { mayRead } from '$lib/server/events/visibility';
import { mailStatus } from '$lib/server/mail/outbox';
import { describeSmtp, smtpSettings } from '$lib/server/mail/settings';
import { runFormAction, runFormMutation } from '$lib/server/form-action';
import { changeMemberRole, removeMember } from '$lib/server/organizations/commands';
import { createInvite, revokeInvite } from '$lib/server/organizations/invites';
import {
	changeInvitationCode,
	readInvitationCode
} from '$lib/server/organizations/invitation-code';
import { listMembers, listPendingInvites } from '$lib/server/organizations/queries';
import { organizationPage } from '$lib/server/page-load';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	organizationPage(event, async (reader, organizationId) => {
		const membership = await authorize(reader, organizationId, 'organization.view');
		const [members, stream, events, canInvite, canReset, canAudit, canTokens, canShare] =
			await Promise.all([
				listMembers(organizationId),
				findStream(organizationId),
				listRecentEvents(organizationId, 30),
				may(reader, organizationId, 'member.invite'),
				may(reader, organizationId, 'member.issue_password_reset'),
				may(reader, organizationId, 'audit.view'),
				may(reader, organizationId, 'token.manage'),
				may(reader, organizationId, 'incident.share')
			]);
		return {
			role: membership.role,
			members,
			invites: canInvite ? await listPendingInvites(organizationId) : [],
			canInvite,
			canReset,
			canAudit,
			canTokens,
			mailConfigured: smtpSettings() !== null,
			// Admins see where mail goes and whether it is failing (a wrong SMTP password…).
			mail: canReset
				? { ...(await mailStatus(organizationId)), server: describeSmtp(smtpSettings()) }
				: null,
			invitationCode: canShare ? await readInvitationCode(reader, organizationId) : null,
			events: events.filter((e) => mayRead({ userId: reader.userId, role: membership.role }, e)),
			lastSeq: stream?.lastSeq ?? 0
		};
	});

export const actions: Actions = {
	invite: (event) =>
		runFormMutation(event, 'invite', async (context, values) => {
			const invite = await createInvite(context, event.params.id, values);
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
		runFormMutation(event, 'changeInvitationCode', async (context) => {
			await changeInvitationCode(context, event.params.id);
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
