import type { Role } from '$lib/roles';
import type { Actor } from '../access/actor';
import { may } from '../access/authorize';
import { db, type Db } from '../db/db';
import { findIncidentAccess } from './access';
import { listShareCandidates, type ShareCandidate } from './sharing';

export interface RoomSharing {
	/** The viewer's role in each organization taking part that they belong to (approvals). */
	approverRoles: Record<string, Role>;
	/** Whether the viewer may invite or remove organizations (admins of the declaring one). */
	canShare: boolean;
	shareCandidates: ShareCandidate[];
}

/** What the room needs to show sharing controls and approval buttons to this person. */
export async function readSharing(
	actor: Pick<Actor, 'userId'>,
	incidentId: string,
	sql: Db = db()
): Promise<RoomSharing> {
	const access = await findIncidentAccess(actor.userId, incidentId, sql);
	if (!access) return { approverRoles: {}, canShare: false, shareCandidates: [] };
	const rows = await sql<{ organization_id: string; role: Role }[]>`
		select g.organization_id, g.role from access_grants g
		join incident_organizations io on io.organization_id = g.organization_id
		where io.incident_id = ${incidentId} and g.user_id = ${actor.userId}`;
	const canShare = await may(actor, access.ownerOrganizationId, 'incident.share', sql);
	return {
		approverRoles: Object.fromEntries(rows.map((r) => [r.organization_id, r.role])),
		canShare,
		shareCandidates: canShare ? await listShareCandidates(actor, incidentId, sql) : []
	};
}
