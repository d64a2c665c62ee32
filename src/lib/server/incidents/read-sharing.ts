import { roleAtLeast, type Role } from '$lib/organizations/roles';
import type { Actor } from '../access/actor';
import { PERMISSIONS } from '../access/permissions';
import { db, type Db } from '../db/db';
import { findIncidentAccess, type IncidentAccess } from './access';
import { listPendingInvitations, type SentInvitation } from './invitations';
import { listShareCandidatesFor, type ShareCandidate } from './sharing';

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
	return readSharingFor(actor, access, sql);
}

/** The same from the access the room already read (the person's roles taking part). */
export async function readSharingFor(
	actor: Pick<Actor, 'userId'>,
	access: IncidentAccess,
	sql: Db = db()
): Promise<RoomSharing> {
	const ownerRole = access.roles[access.ownerOrganizationId];
	const canShare = ownerRole !== undefined && roleAtLeast(ownerRole, PERMISSIONS['incident.share']);
	const [shareCandidates, invitations] = canShare
		? await Promise.all([
				listShareCandidatesFor(actor, access, sql),
				listPendingInvitations(access.incidentId, sql)
			])
		: [[], []];
	return {
		approverRoles: access.roles,
		canShare,
		shareCandidates,
		invitations,
		mayLeave: Object.entries(access.roles)
			.filter(([id, role]) => id !== access.ownerOrganizationId && roleAtLeast(role, 'admin'))
			.map(([id]) => id)
	};
}
