import { m } from '$lib/paraglide/messages';
import type { StreamEvent } from '$lib/realtime/protocol';
import { z } from 'zod';
import type { Actor } from '../access/actor';
import { authorize, may } from '../access/authorize';
import { db, type Db, type Tx } from '../db/db';
import { AppError } from '../errors';
import { runCommand, type CommandContext } from '../events/command';
import { listInvitable, type Invited } from './invitations';
import { ejectUserFromRoom } from '../realtime/control';
import { parse, uuid } from '../validation';
import { authorizeIncidentOwner, findIncidentAccess, type IncidentAccess } from './access';

export const shareInput = z.object({ organizationId: uuid });

/** Removes an organization from the incident; its members stop receiving its events at once. */
export async function unshareIncident(context: CommandContext, incidentId: string, input: unknown) {
	const { organizationId } = parse(shareInput, input);
	return endParticipation(context, incidentId, organizationId, {
		kind: 'incident.unshared',
		authorizeIt: (tx) => authorizeIncidentOwner(context.actor, incidentId, 'incident.share', tx),
		ownerRefusal: m.err_owner_cannot_be_removed
	});
}

/**
 * A partner leaves the incident on its own decision (one of its admins): its members stop
 * receiving the incident's events at once. The declaring organization cannot leave.
 */
export async function leaveIncident(context: CommandContext, incidentId: string, input: unknown) {
	const { organizationId } = parse(shareInput, input);
	return endParticipation(context, incidentId, organizationId, {
		kind: 'incident.left',
		authorizeIt: (tx) => authorize(context.actor, organizationId, 'incident.share', tx),
		ownerRefusal: m.err_owner_cannot_leave
	});
}

/**
 * Takes an organization out of the incident with its event (removed or left), once `authorizeIt`
 * allowed it; then its members' sockets leave the room, told why first.
 */
async function endParticipation(
	context: CommandContext,
	incidentId: string,
	organizationId: string,
	how: {
		kind: 'incident.unshared' | 'incident.left';
		authorizeIt: (tx: Tx) => Promise<unknown>;
		ownerRefusal: () => string;
	}
) {
	const outcome = await runCommand(context, async (tx, emit) => {
		await how.authorizeIt(tx);
		const [row] = await tx<{ owner: string; name: string }[]>`
			select i.organization_id as owner, o.name from incident_organizations io
			join incidents i on i.id = io.incident_id join organizations o on o.id = io.organization_id
			where io.incident_id = ${incidentId} and io.organization_id = ${organizationId}`;
		if (!row) throw new AppError('not_found', m.err_not_taking_part());
		if (row.owner === organizationId) throw new AppError('invalid', how.ownerRefusal());
		await tx`delete from incident_organizations
			where incident_id = ${incidentId} and organization_id = ${organizationId}`;
		await emit({
			streamId: incidentId,
			kind: how.kind,
			payload: { organizationId, name: row.name }
		});
		return { organizationId };
	});
	await ejectFromIncident(incidentId, organizationId, outcome.events);
	return outcome;
}

/** Members of a removed organization leave the room, unless another organization keeps them in. */
async function ejectFromIncident(
	incidentId: string,
	organizationId: string,
	farewell: StreamEvent[]
) {
	const rows = await db()<{ user_id: string }[]>`
		select m.user_id from memberships m
		where m.organization_id = ${organizationId}
			and not exists (
				select 1 from memberships other join incident_organizations io on io.organization_id = other.organization_id
				where other.user_id = m.user_id and io.incident_id = ${incidentId})`;
	for (const row of rows) ejectUserFromRoom(row.user_id, `incident:${incidentId}`, farewell);
}

/**
 * A person who left an organization (removed by an owner) leaves at once the rooms of the
 * incidents they saw only through it.
 */
export async function ejectFromIncidentsOf(userId: string, organizationId: string) {
	const rows = await db()<{ incident_id: string }[]>`
		select io.incident_id from incident_organizations io
		where io.organization_id = ${organizationId}
			and not exists (
				select 1 from access_grants g
				join incident_organizations other on other.organization_id = g.organization_id
				where g.user_id = ${userId} and other.incident_id = io.incident_id)`;
	for (const row of rows) ejectUserFromRoom(userId, `incident:${row.incident_id}`);
}

export type ShareCandidate = Invited;

/**
 * The organizations the incident's organization may invite from a list (see listInvitable),
 * less those taking part or already invited. Others are invited by their invitation code.
 */
export async function listShareCandidates(
	actor: Pick<Actor, 'userId'>,
	incidentId: string,
	sql: Db = db()
): Promise<ShareCandidate[]> {
	const access = await findIncidentAccess(actor.userId, incidentId, sql);
	if (!access || !(await may(actor, access.ownerOrganizationId, 'incident.share', sql))) return [];
	return listShareCandidatesFor(actor, access, sql);
}

/** The same for someone the caller found may share the incident (the room, see readSharing). */
export async function listShareCandidatesFor(
	actor: Pick<Actor, 'userId'>,
	access: Pick<IncidentAccess, 'incidentId' | 'ownerOrganizationId'>,
	sql: Db = db()
): Promise<ShareCandidate[]> {
	const { incidentId } = access;
	const [invitable, taking] = await Promise.all([
		listInvitable(actor.userId, access.ownerOrganizationId, sql),
		sql<{ organization_id: string }[]>`
			select organization_id from incident_organizations where incident_id = ${incidentId}
			union select organization_id from incident_invitations
			where incident_id = ${incidentId} and state = 'pending'`
	]);
	const excluded = new Set(taking.map((t) => t.organization_id));
	return invitable.filter((o) => !excluded.has(o.id));
}
