import type { OrganizationKind, Role } from '$lib/organizations/roles';
import { db, type Db } from '../db/db';

export interface OrganizationSummary {
	id: string;
	name: string;
	kind: OrganizationKind;
	role: Role;
}

export async function listOrganizationsOfUser(
	userId: string,
	sql: Db = db()
): Promise<OrganizationSummary[]> {
	return sql<OrganizationSummary[]>`
		select o.id, o.name, o.kind, m.role
		from memberships m join organizations o on o.id = m.organization_id
		where m.user_id = ${userId}
		order by o.name`;
}

export async function findOrganization(id: string, sql: Db = db()) {
	const [row] = await sql<{ id: string; name: string; kind: OrganizationKind; version: number }[]>`
		select id, name, kind, version from organizations where id = ${id}`;
	return row ?? null;
}

export interface MemberRow {
	userId: string;
	email: string;
	displayName: string;
	role: Role;
	version: number;
	joinedAt: Date;
}

export async function listMembers(organizationId: string, sql: Db = db()): Promise<MemberRow[]> {
	return sql<MemberRow[]>`
		select u.id as "userId", u.email, u.display_name as "displayName", m.role, m.version,
			m.created_at as "joinedAt"
		from memberships m join users u on u.id = m.user_id
		where m.organization_id = ${organizationId}
		order by array_position(array['owner','admin','responder','viewer'], m.role), u.display_name`;
}

export interface PendingInvite {
	id: string;
	role: Role;
	email: string | null;
	expiresAt: Date;
	createdBy: string;
}

export async function listPendingInvites(
	organizationId: string,
	sql: Db = db()
): Promise<PendingInvite[]> {
	return sql<PendingInvite[]>`
		select i.id, i.role, i.email, i.expires_at as "expiresAt", u.display_name as "createdBy"
		from invites i join users u on u.id = i.created_by
		where i.organization_id = ${organizationId}
			and i.accepted_at is null and i.revoked_at is null and i.expires_at > now()
		order by i.created_at desc`;
}

export async function findInviteByHash(hash: Uint8Array, sql: Db = db()) {
	const [row] = await sql<
		{
			id: string;
			organization_id: string;
			organization_name: string;
			role: Role;
			email: string | null;
			expires_at: Date;
			accepted_at: Date | null;
			revoked_at: Date | null;
		}[]
	>`
		select i.id, i.organization_id, o.name as organization_name, i.role, i.email, i.expires_at,
			i.accepted_at, i.revoked_at
		from invites i join organizations o on o.id = i.organization_id
		where i.token_hash = ${hash}`;
	return row ?? null;
}
