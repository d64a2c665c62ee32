import type { Role } from '$lib/organizations/roles';
import type { Actor } from '../access/actor';
import { runCommand } from '../events/command';
import { ejectFromIncidentsOf } from '../incidents/sharing';
import { ejectUserFromRoom } from '../realtime/control';
import type { IdentityProvider } from './providers';
import { groupsOf, nextRole, roleFromGroups, type SsoRole } from './roles';

/** The role the provider's groups give this person in the provider's organization (null: none). */
export function grantedRole(
	provider: IdentityProvider,
	claims: Record<string, unknown>
): SsoRole | null {
	return roleFromGroups(
		groupsOf(claims, provider.groupsClaim),
		provider.groupRoles,
		provider.defaultRole
	);
}

export type MembershipChange = 'joined' | 'role_changed' | 'unchanged' | 'removed' | 'none';

/**
 * Makes the membership in the provider's organization what the groups say: joined with the
 * granted role, changed to it, or removed when no group allows the person (owners are never
 * changed by a provider). One command, so each change is in the organization's activity.
 */
export async function applyGrantedRole(
	provider: IdentityProvider,
	actor: Actor,
	granted: SsoRole | null
): Promise<MembershipChange> {
	const organizationId = provider.organizationId;
	if (!organizationId) return 'none';
	const { result } = await runCommand({ actor }, async (tx, emit) => {
		const [current] = await tx<{ role: Role }[]>`
			select role from memberships
			where organization_id = ${organizationId} and user_id = ${actor.userId} for update`;
		const base = { userId: actor.userId, name: actor.name, via: provider.displayName };
		if (granted === null) {
			if (!current || current.role === 'owner') return { change: 'none' as const };
			await tx`delete from memberships
				where organization_id = ${organizationId} and user_id = ${actor.userId}`;
			await emit({
				streamId: organizationId,
				kind: 'member.removed',
				payload: { ...base, role: current.role }
			});
			return { change: 'removed' as const };
		}
		if (!current) {
			await tx`insert into memberships (organization_id, user_id, role)
				values (${organizationId}, ${actor.userId}, ${granted})`;
			await emit({
				streamId: organizationId,
				kind: 'member.joined',
				payload: { ...base, role: granted }
			});
			return { change: 'joined' as const };
		}
		const role = nextRole(current.role, granted);
		if (role === current.role) return { change: 'unchanged' as const };
		const [changed] = await tx<{ version: number }[]>`
			update memberships set role = ${role}, version = version + 1
			where organization_id = ${organizationId} and user_id = ${actor.userId}
			returning version`;
		await emit({
			streamId: organizationId,
			kind: 'member.role_changed',
			payload: { ...base, from: current.role, to: role, version: changed?.version ?? 0 }
		});
		return { change: 'role_changed' as const };
	});
	if (result.change === 'removed') {
		ejectUserFromRoom(actor.userId, `organization:${organizationId}`);
		await ejectFromIncidentsOf(actor.userId, organizationId);
	}
	return result.change;
}
