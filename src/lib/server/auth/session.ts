import type { Cookies, RequestEvent } from '@sveltejs/kit';
import { db, type Db } from '../db/db';
import { hashSecret, randomSecret, secretMatches } from './tokens';

export const SESSION_COOKIE = 'nightshift_session';
const DAY_MS = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY_MS;
/** A session used with less than this left is extended to a full lifetime (sliding expiry). */
const RENEW_BELOW_MS = SESSION_LIFETIME_MS / 2;

export interface Session {
	id: string;
	userId: string;
	expiresAt: Date;
	createdAt: Date;
	/** Set when the session was opened through an identity provider (checked there periodically). */
	sso?: { providerId: string; checkedAt: Date | null } | null;
}

/** What a session opened through an identity provider keeps of it. */
export interface SessionSso {
	providerId: string;
	subject: string;
	/** Sealed with SSO_SECRET_KEY; null when the provider issued none (or no key is set). */
	refreshToken: Uint8Array | null;
	idToken: string | null;
}

/** last_seen_at is written at most this often per session (not on every request). */
const SEEN_EVERY_MS = 60 * 1000;

export interface SessionUser {
	id: string;
	email: string;
	displayName: string;
	timezone: string;
	locale: string;
}

/** Creates a session and returns the token for the cookie: "<id>.<secret>"; only the secret's hash is kept. */
export async function createSession(
	userId: string,
	context: { address?: string; userAgent?: string; sso?: SessionSso } = {},
	sql: Db = db()
): Promise<{ token: string; session: Session }> {
	const id = randomSecret(12);
	const secret = randomSecret(24);
	const expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS);
	const sso = context.sso;
	const [row] = await sql<{ created_at: Date }[]>`
		insert into sessions (id, secret_hash, user_id, expires_at, address, user_agent,
			identity_provider_id, sso_subject, sso_refresh_token, sso_id_token, sso_checked_at)
		values (${id}, ${hashSecret(secret)}, ${userId}, ${expiresAt}, ${context.address ?? null},
			${context.userAgent?.slice(0, 300) ?? null}, ${sso?.providerId ?? null},
			${sso?.subject ?? null}, ${sso?.refreshToken ?? null}, ${sso?.idToken ?? null},
			${sso ? new Date() : null})
		returning created_at`;
	const createdAt = row?.created_at ?? new Date();
	return {
		token: `${id}.${secret}`,
		session: {
			id,
			userId,
			expiresAt,
			createdAt,
			sso: sso ? { providerId: sso.providerId, checkedAt: createdAt } : null
		}
	};
}

interface SessionRow {
	id: string;
	secret_hash: Uint8Array;
	user_id: string;
	created_at: Date;
	expires_at: Date;
	last_seen_at: Date;
	identity_provider_id: string | null;
	sso_checked_at: Date | null;
	email: string;
	display_name: string;
	timezone: string;
	locale: string;
}

/** Validates a cookie token; extends the session when it is past half its life. */
export async function validateSessionToken(
	token: string,
	sql: Db = db()
): Promise<{ session: Session; user: SessionUser; renewed: boolean } | null> {
	const [id, secret, extra] = token.split('.');
	if (!id || !secret || extra !== undefined || id.length > 64 || secret.length > 128) return null;
	const [row] = await sql<SessionRow[]>`
		select s.id, s.secret_hash, s.user_id, s.created_at, s.expires_at, s.last_seen_at,
			s.identity_provider_id, s.sso_checked_at, u.email, u.display_name, u.timezone, u.locale
		from sessions s join users u on u.id = s.user_id
		where s.id = ${id}`;
	if (!row || !secretMatches(secret, row.secret_hash)) return null;
	if (row.expires_at.getTime() <= Date.now()) {
		await sql`delete from sessions where id = ${id}`;
		return null;
	}
	let expiresAt = row.expires_at;
	const renewed = expiresAt.getTime() - Date.now() < RENEW_BELOW_MS;
	if (renewed) {
		expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS);
		await sql`update sessions set expires_at = ${expiresAt}, last_seen_at = now() where id = ${id}`;
	} else if (row.last_seen_at.getTime() < Date.now() - SEEN_EVERY_MS) {
		await sql`update sessions set last_seen_at = now() where id = ${id}`;
	}
	const sso = row.identity_provider_id
		? { providerId: row.identity_provider_id, checkedAt: row.sso_checked_at }
		: null;
	return {
		renewed,
		session: { id: row.id, userId: row.user_id, expiresAt, createdAt: row.created_at, sso },
		user: {
			id: row.user_id,
			email: row.email,
			displayName: row.display_name,
			timezone: row.timezone,
			locale: row.locale
		}
	};
}

export async function invalidateSession(sessionId: string, sql: Db = db()): Promise<void> {
	await sql`delete from sessions where id = ${sessionId}`;
}

/** Ends every session of a user, or every one but `keep`; returns the ids ended. */
export async function invalidateUserSessions(
	userId: string,
	keep: string | null = null,
	sql: Db = db()
): Promise<string[]> {
	const rows = await sql<{ id: string }[]>`
		delete from sessions where user_id = ${userId} and id is distinct from ${keep} returning id`;
	return rows.map((r) => r.id);
}

export interface SessionListing {
	id: string;
	createdAt: Date;
	lastSeenAt: Date;
	address: string | null;
	userAgent: string | null;
	providerName: string | null;
}

/** A person's sessions, most recently used first (the account page). */
export async function listUserSessions(userId: string, sql: Db = db()): Promise<SessionListing[]> {
	const rows = await sql<
		{
			id: string;
			created_at: Date;
			last_seen_at: Date;
			address: string | null;
			user_agent: string | null;
			provider_name: string | null;
		}[]
	>`
		select s.id, s.created_at, s.last_seen_at, s.address, s.user_agent,
			p.display_name as provider_name
		from sessions s left join identity_providers p on p.id = s.identity_provider_id
		where s.user_id = ${userId} and s.expires_at > now()
		order by s.last_seen_at desc, s.created_at desc`;
	return rows.map((r) => ({
		id: r.id,
		createdAt: r.created_at,
		lastSeenAt: r.last_seen_at,
		address: r.address,
		userAgent: r.user_agent,
		providerName: r.provider_name
	}));
}

/** Ends one of a person's own sessions; false when it is not theirs (or already gone). */
export async function invalidateOwnSession(
	userId: string,
	sessionId: string,
	sql: Db = db()
): Promise<boolean> {
	const rows = await sql`
		delete from sessions where id = ${sessionId} and user_id = ${userId} returning id`;
	return rows.length > 0;
}

export function setSessionCookie(
	cookies: Cookies,
	token: string,
	expiresAt: Date,
	secure: boolean
) {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure,
		expires: expiresAt
	});
}

export function deleteSessionCookie(cookies: Cookies, secure: boolean) {
	cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}

/** Signs the person in on this request, after they created their account: a session and its cookie. */
export async function openSession(
	event: Pick<RequestEvent, 'cookies' | 'url' | 'request' | 'getClientAddress'>,
	userId: string
): Promise<void> {
	const { token, session } = await createSession(userId, {
		address: event.getClientAddress(),
		userAgent: event.request.headers.get('user-agent') ?? undefined
	});
	setSessionCookie(event.cookies, token, session.expiresAt, event.url.protocol === 'https:');
}
