import { roleAtLeast, type Role } from '$lib/organizations/roles';
import type { Actor } from '../access/actor';
import { may } from '../access/authorize';
import { db, type Db } from '../db/db';
import { findIncidentAccess } from './access';
import { listPendingInvitations, type SentInvitation } from './invitations';
import { listShareCandidates, type ShareCandidate } from './sharing';

export interface RoomSharing {
	/** The viewer's role in each organization taking part that they belong to (approvals). */
	approverRoles: Record<string, Role>;
	/** Whether the viewer may invite or remove organizations (admins of the declaring one). */
	canShare: boolean;
	shareCandidates: ShareCandidate[];
	/** Invitations sent and not answered yet (shown to those who may share). */
	invitations: SentInvitation[];
	/** The partner organizations the viewer may take out of the incident (their admins). */
	mayLeave: string[];
}

/** What the room needs to show sharing controls and approval buttons to this person. */
export async function readSharing(
	actor: Pick<Actor, 'userId'>,
	incidentId: string,
	sql: Db = db()
): Promise<RoomSharing> {
	const access = await findIncidentAccess(actor.userId, incidentId, sql);
	if (!access)
		return {
			approverRoles: {},
			canShare: false,
			shareCandidates: [],
			invitations: [],
			mayLeave: []
		};
	const rows = await sql<{ organization_id: string; role: Role }[]>`
		select g.organization_id, g.role from access_grants g
		join incident_organizations io on io.organization_id = g.organization_id
		where io.incident_id = ${incidentId} and g.user_id = ${actor.userId}`;
	const canShare = await may(actor, access.ownerOrganizationId, 'incident.share', sql);
	const [shareCandidates, invitations] = canShare
		? await Promise.all([
				listShareCandidates(actor, incidentId, sql),
				listPendingInvitations(incidentId, sql)
			])
		: [[], []];
	return {
		approverRoles: Object.fromEntries(rows.map((r) => [r.organization_id, r.role])),
		canShare,
		shareCandidates,
		invitations,
		mayLeave: rows
			.filter(
				(r) => r.organization_id !== access.ownerOrganizationId && roleAtLeast(r.role, 'admin')
			)
			.map((r) => r.organization_id)
	};
}
