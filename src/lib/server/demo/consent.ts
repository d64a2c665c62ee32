import type { Actor } from '../access/actor';
import { answerInvitation, inviteOrganization } from '../incidents/invitations';
import { isAppError } from '../errors';
import { readInvitationCode } from '../organizations/invitation-code';

/**
 * Shares an incident the way people do: the inviter invites the partner (from its partners
 * once they worked together, by the partner's invitation code before that) and one of the
 * partner's admins accepts. The events of both commands are returned, for the demo's clock.
 */
export async function inviteAndAccept(
	inviter: Actor,
	incidentId: string,
	organizationId: string,
	partnerAdmin: Actor
) {
	const invited = await inviteOrganization({ actor: inviter }, incidentId, {
		organizationId
	}).catch(async (error: unknown) => {
		if (!isAppError(error) || error.code !== 'not_found') throw error;
		// The partner's admin gives its code, as people do.
		const code = await readInvitationCode(partnerAdmin, organizationId);
		return inviteOrganization({ actor: inviter }, incidentId, { code });
	});
	const accepted = await answerInvitation(
		{ actor: partnerAdmin },
		organizationId,
		invited.result.invitationId,
		{ answer: 'accept' }
	);
	return { ...accepted, events: [...invited.events, ...accepted.events] };
}
