import { z } from 'zod';
import { db } from '../db/db';
import { AppError } from '../errors';
import { runCommand, type CommandContext } from '../events/command';
import { ejectUserFromRoom } from '../realtime/control';
import { parse, uuid } from '../validation';
import { authorizeIncident } from './access';

const shareInput = z.object({ organizationId: uuid });

/**
 * The incident's own organization invites another one (its hoster, say): that organization's
 * members then see this incident and what it links to, nothing else of the merchant.
 */
export async function shareIncident(context: CommandContext, incidentId: string, input: unknown) {
	const { organizationId } = parse(shareInput, input);
	return runCommand(context, async (tx, emit) => {
		const access = await authorizeIncident(context.actor, incidentId, 'incident.share', tx);
		if (access.organizationId !== access.ownerOrganizationId) {
			throw new AppError(
				'forbidden',
				'Only the organization that declared the incident can share it.'
			);
		}
		const [target] = await tx<{ name: string; kind: string }[]>`
			select name, kind from organizations where id = ${organizationId}`;
		if (!target) throw new AppError('not_found', 'There is no such organization.');
		const added = await tx`
			insert into incident_organizations (incident_id, organization_id, added_by)
			values (${incidentId}, ${organizationId}, ${context.actor.userId})
			on conflict do nothing returning organization_id`;
		if (added.length === 0)
			throw new AppError('conflict', `${target.name} already takes part in this incident.`);
		await emit({
			streamId: incidentId,
			kind: 'incident.shared',
			payload: { organizationId, name: target.name, kind: target.kind }
		});
		return { organizationId };
	});
}

/** Removes an organization from the incident; its members stop receiving its events at once. */
export async function unshareIncident(context: CommandContext, incidentId: string, input: unknown) {
	const { organizationId } = parse(shareInput, input);
	const outcome = await runCommand(context, async (tx, emit) => {
		const access = await authorizeIncident(context.actor, incidentId, 'incident.share', tx);
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
	await ejectFromIncident(incidentId, organizationId);
	return outcome;
}

/** Members of a removed organization leave the room, unless another organization keeps them in. */
async function ejectFromIncident(incidentId: string, organizationId: string) {
	const rows = await db()<{ user_id: string }[]>`
		select m.user_id from memberships m
		where m.organization_id = ${organizationId}
			and not exists (
				select 1 from memberships other join incident_organizations io on io.organization_id = other.organization_id
				where other.user_id = m.user_id and io.incident_id = ${incidentId})`;
	for (const row of rows) ejectUserFromRoom(row.user_id, `incident:${incidentId}`);
}
