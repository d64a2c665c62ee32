import { db } from '../db/db';
import { AppError } from '../errors';
import { log } from '../log';
import { recordAuthEvent } from '../auth/auth-events';
import { createSession } from '../auth/session';
import { endSocketsOfSessions } from '../realtime/control';
import { assertDomainAllowed, personOf, resolveAccount } from './accounts';
import {
	authorizationUrl,
	CALLBACK_PATH,
	endSessionUrl,
	exchangeCode,
	SsoError,
	type ProviderAnswer
} from './client';
import { applyGrantedRole, grantedRole } from './membership';
import { findProvider, type IdentityProvider } from './providers';
import { seal, secretKey } from './secret-box';
import { m } from '$lib/paraglide/messages';

/** The browser cookie that ties a callback to the browser that started the sign-in. */
export const SSO_STATE_COOKIE = 'nightshift_sso_state';
/** Carries the provider's end-session URL from the sign-out post to /signout/provider. */
export const SSO_LOGOUT_COOKIE = 'nightshift_sso_logout';
/** How long a person has at the provider before the sign-in must be started again. */
export const ATTEMPT_LIFETIME_MS = 15 * 60 * 1000;

export interface RequestContext {
	address: string;
	userAgent?: string;
}

/** Starts a sign-in at the provider: stores state, nonce and verifier; returns where to go. */
export async function beginSsoSignIn(
	providerId: string,
	origin: string,
	options: { next: string; loginHint?: string }
): Promise<{ url: URL; state: string }> {
	const provider = await findProvider(providerId);
	if (!provider) throw new AppError('not_found', m.err_sso_link_no_provider());
	const auth = await authorizationUrl(provider, `${origin}${CALLBACK_PATH}`, options.loginHint);
	const sql = db();
	await sql`delete from sso_attempts where created_at < now() - ${`${ATTEMPT_LIFETIME_MS / 1000} seconds`}::interval`;
	await sql`
		insert into sso_attempts (state, provider_id, nonce, code_verifier, next)
		values (${auth.state}, ${provider.id}, ${auth.nonce}, ${auth.codeVerifier}, ${options.next})`;
	return { url: auth.url, state: auth.state };
}

interface Attempt {
	provider_id: string;
	nonce: string;
	code_verifier: string;
	next: string;
	created_at: Date;
}

/** Takes the attempt of this state, once: a replayed state finds nothing. */
async function claimAttempt(state: string | null, browserState: string | undefined) {
	if (!state) {
		throw new SsoError('no_state', m.err_sso_no_state());
	}
	const [attempt] = await db()<Attempt[]>`
		delete from sso_attempts where state = ${state}
		returning provider_id, nonce, code_verifier, next, created_at`;
	if (!attempt) {
		throw new SsoError('state_unknown', m.err_sso_state_unknown());
	}
	if (attempt.created_at.getTime() < Date.now() - ATTEMPT_LIFETIME_MS) {
		throw new SsoError('state_expired', m.err_sso_state_expired());
	}
	if (browserState !== state) {
		throw new SsoError('state_other_browser', m.err_sso_other_browser());
	}
	return attempt;
}

export interface SsoSignedIn {
	token: string;
	expiresAt: Date;
	next: string;
	userId: string;
}

/**
 * The callback: checks state (once, from this browser), exchanges the code, validates the ID
 * token, finds or links or provisions the account, applies the groups, opens a session. Every
 * outcome, refusals included, is in the audit log.
 */
export async function completeSsoSignIn(
	callbackUrl: URL,
	browserState: string | undefined,
	context: RequestContext
): Promise<SsoSignedIn> {
	let provider: IdentityProvider | null = null;
	let email: string | null = null;
	let userId: string | null = null;
	try {
		const attempt = await claimAttempt(callbackUrl.searchParams.get('state'), browserState);
		provider = await findProvider(attempt.provider_id);
		if (!provider) throw new SsoError('provider_removed', m.err_sso_provider_removed());
		const answer = await exchangeCode(provider, callbackUrl, {
			state: callbackUrl.searchParams.get('state') ?? '',
			nonce: attempt.nonce,
			codeVerifier: attempt.code_verifier
		});
		const person = personOf(answer.claims);
		email = person.email;
		assertDomainAllowed(provider, person.email);
		const granted = provider.organizationId ? grantedRole(provider, answer.claims) : null;
		const account = await findOrRefuse(provider, answer, person, granted, context);
		userId = account.userId;
		const session = await openSession(provider, account, answer, granted, context);
		return { ...session, next: attempt.next, userId: account.userId };
	} catch (error) {
		if (!(error instanceof SsoError)) throw error;
		await recordAuthEvent('sso_refused', {
			userId,
			email,
			...context,
			organizationId: provider?.organizationId ?? null,
			detail: error.reason
		});
		throw error;
	}
}

async function findOrRefuse(
	provider: IdentityProvider,
	answer: ProviderAnswer,
	person: ReturnType<typeof personOf>,
	granted: ReturnType<typeof grantedRole>,
	context: RequestContext
) {
	if (provider.organizationId && granted === null) {
		// Outside every allowed group: a linked person loses the membership and its SSO sessions.
		const [linked] = await db()<{ user_id: string; display_name: string }[]>`
			select i.user_id, u.display_name from user_identities i join users u on u.id = i.user_id
			where i.provider_id = ${provider.id} and i.subject = ${answer.subject}`;
		if (linked)
			await revokeAccess(provider, {
				userId: linked.user_id,
				name: linked.display_name,
				address: context.address
			});
		throw new SsoError(
			'not_in_allowed_groups',
			provider.organizationName
				? m.err_sso_no_group_named({ organization: provider.organizationName })
				: m.err_sso_no_group()
		);
	}
	const account = await resolveAccount(provider, answer.subject, person);
	const audit = {
		userId: account.userId,
		email: person.email,
		...context,
		organizationId: provider.organizationId,
		detail: provider.displayName
	};
	if (account.how === 'linked') await recordAuthEvent('sso_linked', audit);
	if (account.how === 'provisioned') await recordAuthEvent('sso_provisioned', audit);
	return account;
}

async function openSession(
	provider: IdentityProvider,
	account: { userId: string; name: string },
	answer: ProviderAnswer,
	granted: ReturnType<typeof grantedRole>,
	context: RequestContext
) {
	const actor = { userId: account.userId, name: account.name, address: context.address };
	if (provider.organizationId) await applyGrantedRole(provider, actor, granted);
	const { token, session } = await createSession(account.userId, {
		...context,
		sso: {
			providerId: provider.id,
			subject: answer.subject,
			refreshToken: sealRefreshToken(answer.refreshToken),
			idToken: answer.idToken ?? null
		}
	});
	await recordAuthEvent('sso_sign_in', {
		userId: account.userId,
		email: typeof answer.claims.email === 'string' ? answer.claims.email : null,
		...context,
		organizationId: provider.organizationId,
		detail: provider.displayName
	});
	return { token, expiresAt: session.expiresAt };
}

/** Kept only encrypted; without SSO_SECRET_KEY, the session is checked at the next sign-in only. */
export function sealRefreshToken(refreshToken: string | undefined): Uint8Array | null {
	if (!refreshToken) return null;
	const key = secretKey();
	if (!key) {
		log.warn('SSO_SECRET_KEY is not set: SSO sessions are not checked at the provider');
		return null;
	}
	return seal(refreshToken, key);
}

/** The person left the allowed groups: membership removed, sessions through this provider ended. */
export async function revokeAccess(
	provider: IdentityProvider,
	actor: { userId: string; name: string; address?: string },
	reason = 'not_in_allowed_groups'
): Promise<string[]> {
	if (provider.organizationId) await applyGrantedRole(provider, actor, null);
	const ended = await db()<{ id: string }[]>`
		delete from sessions where user_id = ${actor.userId} and identity_provider_id = ${provider.id}
		returning id`;
	const ids = ended.map((r) => r.id);
	if (ids.length > 0) {
		endSocketsOfSessions(ids, m.sock_sso_ended());
	}
	await recordAuthEvent('sso_session_ended', {
		userId: actor.userId,
		address: actor.address ?? null,
		organizationId: provider.organizationId,
		detail: reason
	});
	return ids;
}

/**
 * Where to send a person signing out of a session opened through a provider: the provider's
 * end_session_endpoint (RP-initiated logout, the ID token as hint), which sends them back to
 * the sign-in page. Null for other sessions, or a provider without one.
 */
export async function providerSignOutUrl(sessionId: string, origin: string): Promise<URL | null> {
	const [row] = await db()<{ identity_provider_id: string | null; sso_id_token: string | null }[]>`
		select identity_provider_id, sso_id_token from sessions where id = ${sessionId}`;
	if (!row?.identity_provider_id) return null;
	const provider = await findProvider(row.identity_provider_id);
	if (!provider) return null;
	return endSessionUrl(provider, row.sso_id_token, `${origin}/signin`);
}
