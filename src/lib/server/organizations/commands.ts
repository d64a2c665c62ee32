import { roleLabel, type Role } from '$lib/organizations/roles';
import type { Actor } from '../access/actor';
import { inOrganization } from '../access/authorize';
import type { Tx } from '../db/db';
import { AppError } from '../errors';
import { runCommand, type CommandContext, type Step, command } from '../events/command';
import { createStream } from '../events/queries';
import { ejectFromIncidentsOf } from '../incidents/sharing';
import { ejectUserFromRoom } from '../realtime/control';
import { parse } from '../validation';
import { changeRoleInput, memberInput, organizationInput, type OrganizationInput } from './schemas';
import { m } from '$lib/paraglide/messages';

/** Creates an organization owned by the actor; it is also a stream of its own events. */
export async function createOrganization(
	actor: Actor,
	input: unknown,
	clientMutationId?: string | null
) {
	const data = parse(organizationInput, input);
	return runCommand({ actor, clientMutationId }, (tx, emit) =>
		createOrganizationStep(tx, emit, actor, data)
	);
}

/** The inner step of `createOrganization` (sign-up creates the first one in its own step). */
export const createOrganizationStep: Step<[OrganizationInput], { organizationId: string }> = async (
	tx,
	emit,
	actor,
	data
) => {
	const [org] = await tx<{ id: string }[]>`
		insert into organizations (name, kind) values (${data.name}, ${data.kind}) returning id`;
	if (!org) throw new Error('organization insert returned no row');
	await tx`
		insert into memberships (organization_id, user_id, role)
		values (${org.id}, ${actor.userId}, 'owner')`;
	await createStream(tx, { id: org.id, kind: 'organization', organizationId: org.id });
	await emit({
		streamId: org.id,
		kind: 'organization.created',
		payload: { name: data.name, kind: data.kind }
	});
	return { organizationId: org.id };
};

export const changeMemberRole = command(
	inOrganization('member.change_role'),
	changeRoleInput,
	async (tx, emit, data, { id: organizationId }) => {
		const current = await lockMembership(tx, organizationId, data.userId);
		if (data.version !== undefined && data.version !== current.version) {
			throw new AppError(
				'conflict',
				m.err_role_changed_meanwhile({ name: current.display_name, role: roleLabel(current.role) })
			);
		}
		if (current.role === data.role) return { role: data.role, version: current.version };
		if (current.role === 'owner') await assertAnotherOwner(tx, organizationId, data.userId);
		const [row] = await tx<{ version: number }[]>`
			update memberships set role = ${data.role}, version = version + 1
			where organization_id = ${organizationId} and user_id = ${data.userId}
			returning version`;
		await emit({
			streamId: organizationId,
			kind: 'member.role_changed',
			payload: {
				userId: data.userId,
				name: current.display_name,
				from: current.role,
				to: data.role,
				version: row?.version ?? current.version + 1
			}
		});
		return { role: data.role, version: row?.version ?? current.version + 1 };
	}
);

const removal = command(
	inOrganization('member.remove'),
	memberInput,
	async (tx, emit, data, { id: organizationId }) => {
		const current = await lockMembership(tx, organizationId, data.userId);
		if (current.role === 'owner') await assertAnotherOwner(tx, organizationId, data.userId);
		await tx`delete from memberships where organization_id = ${organizationId} and user_id = ${data.userId}`;
		await emit({
			streamId: organizationId,
			kind: 'member.removed',
			payload: { userId: data.userId, name: current.display_name, role: current.role }
		});
		return { userId: data.userId };
	}
);

/** Removes a member; after commit, their sockets leave the organization's and its incidents' rooms. */
export async function removeMember(
	context: CommandContext,
	organizationId: string,
	input: unknown
) {
	const outcome = await removal(context, organizationId, input);
	ejectUserFromRoom(outcome.result.userId, `organization:${organizationId}`);
	await ejectFromIncidentsOf(outcome.result.userId, organizationId);
	return outcome;
}

async function lockMembership(tx: Tx, organizationId: string, userId: string) {
	const [row] = await tx<{ role: Role; version: number; display_name: string }[]>`
		select m.role, m.version, u.display_name
		from memberships m join users u on u.id = m.user_id
		where m.organization_id = ${organizationId} and m.user_id = ${userId}
		for update of m`;
	if (!row) throw new AppError('not_found', m.err_not_a_member());
	return row;
}

async function assertAnotherOwner(tx: Tx, organizationId: string, userId: string) {
	const [row] = await tx<{ owners: number }[]>`
		select count(*)::int as owners from memberships
		where organization_id = ${organizationId} and role = 'owner' and user_id <> ${userId}`;
	if (!row || row.owners === 0) {
		throw new AppError('conflict', m.err_last_owner());
	}
}
