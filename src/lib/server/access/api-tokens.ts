import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { fromWallClock } from '$lib/time/zoned';
import { roleAtLeast, roleLabel, type Role } from '$lib/organizations/roles';
import { hashSecret, randomSecret } from '../auth/tokens';
import { db, type Db } from '../db/db';
import { m } from '$lib/paraglide/messages';
import { AppError } from '../errors';
import { command, secretCommand } from '../events/command';
import { requiredText, uuid } from '../validation';
import { inOrganization } from './authorize';
import { guardedRead } from './guarded-read';

/** What a token may be given: never owner (members, roles and the organization stay human). */
export const TOKEN_ROLES = ['viewer', 'responder', 'admin'] as const;
export const TOKEN_PREFIX = 'nst_';
const EXPIRY_MESSAGE = () => m.val_token_expiry();
/** last_used_at is written at most this often per token, not on every call. */
const LAST_USED_PRECISION_MS = 60_000;

export const tokenInput = z.object({
	name: requiredText(
		{ max: 80 },
		{ required: () => m.val_token_name_required(), long: () => m.val_token_name_long() }
	),
	role: z.enum(TOKEN_ROLES, {
		error: () => m.val_token_role()
	}),
	/**
	 * Optional. A calendar date (YYYY-MM-DD: the token works through that day, in its creator's
	 * time zone) or an ISO 8601 instant with its offset; empty or null: it never expires.
	 */
	expiresAt: z
		.string({ error: EXPIRY_MESSAGE })
		.trim()
		.nullable()
		.optional()
		.refine((v) => !v || ISO_DATE.safeParse(v).success || ISO_INSTANT.safeParse(v).success, {
			error: EXPIRY_MESSAGE
		})
});
const ISO_DATE = z.iso.date();
const ISO_INSTANT = z.iso.datetime({ offset: true });

/** How far ahead an expiry may be set. */
const MAX_TOKEN_LIFETIME_DAYS = 5 * 366;

export const revokeTokenInput = z.object({ tokenId: uuid });

/** The instant a token's `expiresAt` input names: a date ends at midnight after it, in `timeZone`. */
export function expiryInstant(value: string, timeZone: string): Date {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(value);
	const next = new Date(`${value}T00:00:00Z`);
	next.setUTCDate(next.getUTCDate() + 1);
	return new Date(fromWallClock(`${next.toISOString().slice(0, 10)}T00:00`, timeZone));
}

/**
 * Creates a token acting in ONE organization with `role`. Its identity is a user of kind
 * 'token' (events and run steps need an author) that belongs to no organization: its only
 * grant is the token row itself. The secret is returned once; only its SHA-256 is kept.
 */
export const createApiToken = secretCommand(
	inOrganization('token.manage'),
	tokenInput,
	() => `${TOKEN_PREFIX}${randomSecret(32)}`,
	async (tx, emit, data, { id: organizationId, access: creator, context }, secret) => {
		if (!roleAtLeast(creator.role, data.role)) {
			throw new AppError('forbidden', m.err_token_more_rights({ role: roleLabel(creator.role) }));
		}
		const expiresAt = data.expiresAt
			? expiryInstant(data.expiresAt, await timezoneOf(tx, context.actor.userId))
			: null;
		if (expiresAt && expiresAt.getTime() <= Date.now()) {
			throw new AppError('invalid', m.err_token_expiry_past(), {
				expiresAt: m.err_token_expiry_past()
			});
		}
		if (expiresAt && expiresAt.getTime() > Date.now() + MAX_TOKEN_LIFETIME_DAYS * 86_400_000) {
			throw new AppError('invalid', m.err_token_expiry_far(), {
				expiresAt: m.err_token_expiry_far()
			});
		}
		const tokenId = randomUUID();
		const [user] = await tx<{ id: string }[]>`
			insert into users (email, display_name, password_hash, kind)
			values (${`token-${tokenId}@tokens.nightshift.invalid`}, ${data.name}, '!', 'token')
			returning id`;
		if (!user) throw new Error('token user insert returned no row');
		await tx`
			insert into api_tokens
				(id, organization_id, user_id, name, role, secret_hash, created_by, expires_at)
			values (${tokenId}, ${organizationId}, ${user.id}, ${data.name}, ${data.role},
				${hashSecret(secret)}, ${context.actor.userId}, ${expiresAt})`;
		await emit({
			streamId: organizationId,
			kind: 'token.created',
			payload: { tokenId, name: data.name, role: data.role }
		});
		return {
			tokenId,
			name: data.name,
			role: data.role,
			expiresAt: expiresAt?.toISOString() ?? null
		};
	}
);

export const revokeApiToken = command(
	inOrganization('token.manage'),
	revokeTokenInput,
	async (tx, emit, { tokenId }, { id: organizationId, context }) => {
		const [row] = await tx<{ name: string; role: Role }[]>`
			update api_tokens set revoked_at = now(), revoked_by = ${context.actor.userId}
			where id = ${tokenId} and organization_id = ${organizationId} and revoked_at is null
			returning name, role`;
		if (!row) throw new AppError('not_found', m.err_token_unknown());
		await emit({
			streamId: organizationId,
			kind: 'token.revoked',
			payload: { tokenId, name: row.name, role: row.role }
		});
		return { tokenId };
	}
);

export interface ApiTokenSummary {
	id: string;
	name: string;
	role: Role;
	createdAt: Date;
	createdByName: string | null;
	lastUsedAt: Date | null;
	lastUsedAddress: string | null;
	revokedAt: Date | null;
	/** Null: it never expires. */
	expiresAt: Date | null;
}

/** The organization's tokens, newest first; admins only. */
export const listApiTokens = guardedRead(
	inOrganization('token.manage'),
	(organizationId, sql): Promise<ApiTokenSummary[]> => sql<ApiTokenSummary[]>`
		select t.id, t.name, t.role, t.created_at as "createdAt", u.display_name as "createdByName",
			t.last_used_at as "lastUsedAt", t.last_used_address as "lastUsedAddress",
			t.revoked_at as "revokedAt", t.expires_at as "expiresAt"
		from api_tokens t left join users u on u.id = t.created_by
		where t.organization_id = ${organizationId}
		order by t.revoked_at is not null, t.created_at desc
		limit 200`
);

export interface TokenActor {
	tokenId: string;
	userId: string;
	name: string;
	organizationId: string;
	role: Role;
}

async function timezoneOf(sql: Db, userId: string): Promise<string> {
	const [row] = await sql<{ timezone: string }[]>`select timezone from users where id = ${userId}`;
	return row?.timezone ?? 'UTC';
}

/**
 * The live token a bearer secret names, or null; records when (and from where) it was used.
 * An expired token is refused with `unauthenticated`, saying since when.
 */
export async function resolveApiToken(
	secret: string,
	address: string | null,
	locale?: 'en' | 'fr',
	sql: Db = db()
): Promise<TokenActor | null> {
	if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return null;
	const [row] = await sql<
		(TokenActor & { lastUsedAt: Date | null; expiresAt: Date | null; expired: boolean })[]
	>`
		select id as "tokenId", user_id as "userId", name, organization_id as "organizationId", role,
			last_used_at as "lastUsedAt", expires_at as "expiresAt", expires_at <= now() as expired
		from api_tokens
		where secret_hash = ${hashSecret(secret)} and revoked_at is null`;
	if (!row) return null;
	if (row.expired && row.expiresAt) {
		const when = `${row.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
		throw new AppError('unauthenticated', m.err_api_token_expired({ when }, { locale }));
	}
	if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
		await sql`
			update api_tokens set last_used_at = now(), last_used_address = ${address}
			where id = ${row.tokenId}`;
	}
	return {
		tokenId: row.tokenId,
		userId: row.userId,
		name: row.name,
		organizationId: row.organizationId,
		role: row.role
	};
}
