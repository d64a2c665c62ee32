import type { Actor } from '../../../src/lib/server/access/actor';
import { db } from '../../../src/lib/server/db/db';
import { inviteAndAccept } from '../../../src/lib/server/demo/consent';
import { inviteOrganization } from '../../../src/lib/server/incidents/invitations';
import { readInvitationCode } from '../../../src/lib/server/organizations/invitation-code';

/** An owner or admin of the organization, to answer its invitations. */
export async function adminOf(organizationId: string): Promise<Actor> {
	const [row] = await db()<{ user_id: string; display_name: string }[]>`
		select m.user_id, u.display_name from memberships m join users u on u.id = m.user_id
		where m.organization_id = ${organizationId} and m.role in ('owner', 'admin')
		order by m.role = 'owner' desc limit 1`;
	if (!row) throw new Error(`no admin in ${organizationId}`);
	return { userId: row.user_id, name: row.display_name, source: 'manual' };
}

/** Shares the incident as people do: invited, then accepted by one of the partner's admins. */
export async function shareAccepted(inviter: Actor, incidentId: string, organizationId: string) {
	return inviteAndAccept(inviter, incidentId, organizationId, await adminOf(organizationId));
}

/** An invitation left waiting for an answer (by code: the partner need not be known). */
export async function invitePending(inviter: Actor, incidentId: string, organizationId: string) {
	const code = await readInvitationCode(await adminOf(organizationId), organizationId);
	const { result } = await inviteOrganization({ actor: inviter }, incidentId, { code });
	return result.invitationId;
}
