import { z } from 'zod';
import type { Actor } from '../access/actor';
import { authorize } from '../access/authorize';
import { db, type Db } from '../db/db';
import { AppError } from '../errors';
import { runCommand, type CommandContext } from '../events/command';
import { isUuid, parse } from '../validation';
import { SSO_ROLES, type GroupRole, type SsoRole } from './roles';
import { providerInput } from './schemas';
import { seal } from './secret-box';
import { m } from '$lib/paraglide/messages';

export interface IdentityProvider {
	id: string;
	organizationId: string | null;
	organizationName: string | null;
	instance: boolean;
	displayName: string;
	issuer: string;
	clientId: string;
	clientSecretEncrypted: Uint8Array | null;
	emailDomains: string[];
	groupsClaim: string;
	groupRoles: GroupRole[];
	defaultRole: SsoRole | null;
	requireSso: boolean;
	version: number;
	updatedAt: Date;
}

interface ProviderRow {
	id: string;
	organization_id: string | null;
	organization_name: string | null;
	instance: boolean;
	display_name: string;
	issuer: string;
	client_id: string;
	client_secret_encrypted: Uint8Array | null;
	email_domains: string[];
	groups_claim: string;
	group_roles: unknown;
	default_role: string | null;
	require_sso: boolean;
	version: number;
	updated_at: Date;
}

const storedGroupRoles = z.array(z.object({ group: z.string(), role: z.enum(SSO_ROLES) }));
const storedRole = z.enum(SSO_ROLES).nullable();

function toProvider(row: ProviderRow): IdentityProvider {
	return {
		id: row.id,
		organizationId: row.organization_id,
		organizationName: row.organization_name,
		instance: row.instance,
		displayName: row.display_name,
		issuer: row.issuer,
		clientId: row.client_id,
		clientSecretEncrypted: row.client_secret_encrypted,
		emailDomains: row.email_domains,
		groupsClaim: row.groups_claim,
		groupRoles: storedGroupRoles.catch([]).parse(row.group_roles),
		defaultRole: storedRole.catch(null).parse(row.default_role),
		requireSso: row.require_sso,
		version: row.version,
		updatedAt: row.updated_at
	};
}

const columns = (sql: Db) => sql`
	p.id, p.organization_id, o.name as organization_name, p.instance, p.display_name, p.issuer,
	p.client_id, p.client_secret_encrypted, p.email_domains, p.groups_claim, p.group_roles,
	p.default_role, p.require_sso, p.version, p.updated_at`;

export async function findProvider(id: string, sql: Db = db()): Promise<IdentityProvider | null> {
	if (!isUuid(id)) return null;
	const [row] = await sql<ProviderRow[]>`
		select ${columns(sql)} from identity_providers p
		left join organizations o on o.id = p.organization_id where p.id = ${id}`;
	return row ? toProvider(row) : null;
}

export async function findOrganizationProvider(
	organizationId: string,
	sql: Db = db()
): Promise<IdentityProvider | null> {
	const [row] = await sql<ProviderRow[]>`
		select ${columns(sql)} from identity_providers p
		join organizations o on o.id = p.organization_id where p.organization_id = ${organizationId}`;
	return row ? toProvider(row) : null;
}

/** The providers that sign in people of this e-mail's domain (what the sign-in page offers). */
export async function findProvidersForEmail(
	email: string,
	sql: Db = db()
): Promise<IdentityProvider[]> {
	const domain = email.split('@')[1]?.trim().toLowerCase();
	if (!domain || email.split('@').length !== 2) return [];
	const rows = await sql<ProviderRow[]>`
		select ${columns(sql)} from identity_providers p
		left join organizations o on o.id = p.organization_id
		where ${domain} = any(p.email_domains)
		order by p.instance, o.name`;
	return rows.map(toProvider);
}

/** The providers of organizations that refuse passwords for this person (their members). */
export async function findRequiredProviders(
	userId: string,
	sql: Db = db()
): Promise<IdentityProvider[]> {
	const rows = await sql<ProviderRow[]>`
		select ${columns(sql)} from identity_providers p
		join organizations o on o.id = p.organization_id
		join memberships m on m.organization_id = p.organization_id and m.user_id = ${userId}
		where p.require_sso
		order by o.name`;
	return rows.map(toProvider);
}

/** Creates or changes the organization's provider; only its owners may. */
/** `context` carries the API's clientMutationId (a retry is applied once). */
export async function saveProvider(
	actor: Actor,
	organizationId: string,
	input: unknown,
	context: CommandContext = { actor }
) {
	const data = parse(providerInput, input);
	return runCommand({ ...context, actor }, async (tx, emit) => {
		await authorize(actor, organizationId, 'sso.manage', tx);
		const current = await findOrganizationProvider(organizationId, tx);
		if (current && data.version !== undefined && data.version !== current.version) {
			throw new AppError('conflict', m.err_sso_settings_changed());
		}
		const secret = data.clearSecret
			? null
			: data.clientSecret
				? seal(data.clientSecret)
				: (current?.clientSecretEncrypted ?? null);
		const values = {
			display_name: data.displayName,
			issuer: data.issuer,
			client_id: data.clientId,
			client_secret_encrypted: secret,
			email_domains: data.emailDomains,
			groups_claim: data.groupsClaim,
			group_roles: tx.json(data.groupRoles),
			default_role: data.defaultRole,
			require_sso: data.requireSso
		};
		const [row] = current
			? await tx<{ id: string; version: number }[]>`
				update identity_providers set ${tx(values)}, updated_at = now(), version = version + 1
				where id = ${current.id} returning id, version`
			: await tx<{ id: string; version: number }[]>`
				insert into identity_providers ${tx({ ...values, organization_id: organizationId })}
				returning id, version`;
		if (!row) throw new Error('identity provider write returned no row');
		await emit({
			streamId: organizationId,
			kind: 'organization.sso_configured',
			payload: {
				name: data.displayName,
				issuer: data.issuer,
				requireSso: data.requireSso,
				domains: data.emailDomains.join(', ')
			}
		});
		return { providerId: row.id, version: row.version };
	});
}

/** Removes the provider: its people sign in with passwords again (sessions are kept). */
export async function removeProvider(
	actor: Actor,
	organizationId: string,
	context: CommandContext = { actor }
) {
	return runCommand({ ...context, actor }, async (tx, emit) => {
		await authorize(actor, organizationId, 'sso.manage', tx);
		const removed = await tx<{ display_name: string }[]>`
			delete from identity_providers where organization_id = ${organizationId}
			returning display_name`;
		if (removed.length === 0) throw new AppError('not_found', m.err_sso_no_provider());
		await emit({
			streamId: organizationId,
			kind: 'organization.sso_removed',
			payload: { name: removed[0]?.display_name ?? '' }
		});
		return { removed: true };
	});
}
