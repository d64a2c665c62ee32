import { m } from '$lib/paraglide/messages';
import type { StreamEvent } from '$lib/realtime/protocol';
import { z } from 'zod';
import type { Actor } from '../access/actor';
import { authorize, may } from '../access/authorize';
import { db, type Db } from '../db/db';
import { AppError } from '../errors';
import { runCommand, type CommandContext } from '../events/command';
import { listInvitablePartners, type PartnerOrganization } from '../organizations/partners';
import { listOrganizationsOfUser } from '../organizations/queries';
import { ejectUserFromRoom } from '../realtime/control';
import { parse, uuid } from '../validation';
import { authorizeIncidentOwner, findIncidentAccess } from './access';

export const shareInput = z.object({ organizationId: uuid });

/** Removes an organization from the incident; its members stop receiving its events at once. */
export async function unshareIncident(context: CommandContext, incidentId: string, input: unknown) {
	const { organizationId } = parse(shareInput, input);
	const outcome = await runCommand(context, async (tx, emit) => {
		const access = await authorizeIncidentOwner(context.actor, incidentId, 'incident.share', tx);
		if (organizationId === access.ownerOrganizationId) {
			throw new AppError(
				'invalid',
				'The organization that declared the incident cannot be removed from it.'
			);
		}
		const [removed] = await tx<{ name: string }[]>`
			delete from incident_organizations io using organizations o
			where io.incident_id = ${incidentId} and io.organization_id = ${organizationId} and o.id = io.organization_id
			returning o.name`;
		if (!removed)
			throw new AppError('not_found', 'This organization does not take part in the incident.');
		await emit({
			streamId: incidentId,
			kind: 'incident.unshared',
			payload: { organizationId, name: removed.name }
		});
		return { organizationId };
	});
	await ejectFromIncident(incidentId, organizationId, outcome.events);
	return outcome;
}

/**
 * A partner leaves the incident on its own decision (one of its admins): its members stop
 * receiving the incident's events at once. The declaring organization cannot leave.
 */
export async function leaveIncident(context: CommandContext, incidentId: string, input: unknown) {
	const { organizationId } = parse(shareInput, input);
	const outcome = await runCommand(context, async (tx, emit) => {
		await authorize(context.actor, organizationId, 'incident.share', tx);
		const [row] = await tx<{ owner: string; name: string }[]>`
			select i.organization_id as owner, o.name from incident_organizations io
			join incidents i on i.id = io.incident_id join organizations o on o.id = io.organization_id
			where io.incident_id = ${incidentId} and io.organization_id = ${organizationId}`;
		if (!row) throw new AppError('not_found', m.err_not_taking_part());
		if (row.owner === organizationId) throw new AppError('invalid', m.err_owner_cannot_leave());
		await tx`delete from incident_organizations
			where incident_id = ${incidentId} and organization_id = ${organizationId}`;
		await emit({
			streamId: incidentId,
			kind: 'incident.left',
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

export type ShareCandidate = PartnerOrganization;

/**
 * The organizations the incident's organization may invite from a list: the partners it took
 * part in incidents with (see listInvitablePartners) and the actor's own organizations, less
 * those taking part or already invited. Others are invited by their invitation code.
 */
export async function listShareCandidates(
	actor: Pick<Actor, 'userId'>,
	incidentId: string,
	sql: Db = db()
): Promise<ShareCandidate[]> {
	const access = await findIncidentAccess(actor.userId, incidentId, sql);
	if (!access || !(await may(actor, access.ownerOrganizationId, 'incident.share', sql))) return [];
	const [partners, taking, own] = await Promise.all([
		listInvitablePartners(access.ownerOrganizationId, sql),
		sql<{ organization_id: string }[]>`
			select organization_id from incident_organizations where incident_id = ${incidentId}
			union select organization_id from incident_invitations
			where incident_id = ${incidentId} and state = 'pending'`,
		listOrganizationsOfUser(actor.userId, sql)
	]);
	const excluded = new Set(taking.map((t) => t.organization_id));
	const byId = new Map<string, ShareCandidate>();
	for (const o of [...partners, ...own]) {
		if (!excluded.has(o.id)) byId.set(o.id, { id: o.id, name: o.name, kind: o.kind });
	}
	return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}
