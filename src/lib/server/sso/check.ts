import { ssoConfig } from '../config';
import { db } from '../db/db';
import { log } from '../log';
import type { Session } from '../auth/session';
import { refresh } from './client';
import { applyGrantedRole, grantedRole } from './membership';
import { findProvider } from './providers';
import { open, secretKey } from './secret-box';
import { revokeAccess, sealRefreshToken } from './sign-in';

/**
 * The check of a session opened through an identity provider. At most every
 * SSO_CHECK_INTERVAL seconds (5 minutes), the first request of the session asks the provider
 * for fresh tokens with its refresh token: the new ID token carries the person's current
 * groups. Out of every allowed group, or refused by the provider (disabled, signed out
 * there): the membership goes and the sessions through that provider end, before this
 * request is served. A role change applies at once. A provider that does not answer keeps
 * the session (an outage of the provider must not lock the incident room); it is asked again
 * at the next interval. Without a refresh token the check is the next sign-in.
 */
export function checkDue(session: Session, now = Date.now()): boolean {
	if (!session.sso) return false;
	const interval = ssoConfig().SSO_CHECK_INTERVAL * 1000;
	return !session.sso.checkedAt || session.sso.checkedAt.getTime() <= now - interval;
}

/** Returns false when the session was ended by the check. */
export async function checkSsoSession(session: Session): Promise<boolean> {
	const sso = session.sso;
	if (!sso || !checkDue(session)) return true;
	// Claimed by compare-and-set: of concurrent requests, one checks (refresh tokens rotate).
	const [claimed] = await db()<
		{
			sso_refresh_token: Uint8Array | null;
			sso_subject: string | null;
			display_name: string;
			address: string | null;
		}[]
	>`
		update sessions s set sso_checked_at = now() from users u
		where s.id = ${session.id} and u.id = s.user_id
			and date_trunc('milliseconds', s.sso_checked_at) is not distinct from ${sso.checkedAt}
		returning s.sso_refresh_token, s.sso_subject, u.display_name, s.address`;
	if (!claimed?.sso_refresh_token || !claimed.sso_subject) return true;
	const provider = await findProvider(sso.providerId);
	const key = secretKey();
	if (!provider || !key) return true;
	let refreshToken: string;
	try {
		refreshToken = open(claimed.sso_refresh_token, key);
	} catch {
		log.warn({ sessionId: session.id }, 'SSO refresh token unreadable (SSO_SECRET_KEY changed?)');
		return true;
	}
	const actor = {
		userId: session.userId,
		name: claimed.display_name,
		address: claimed.address ?? undefined
	};
	const outcome = await refresh(provider, refreshToken, claimed.sso_subject);
	if (outcome.kind === 'unreachable') return true;
	if (outcome.kind === 'refused') {
		await revokeAccess({ ...provider, organizationId: null }, actor, `provider_${outcome.reason}`);
		return false;
	}
	const granted = provider.organizationId ? grantedRole(provider, outcome.answer.claims) : null;
	if (provider.organizationId && granted === null) {
		await revokeAccess(provider, actor);
		return false;
	}
	if (provider.organizationId) await applyGrantedRole(provider, actor, granted);
	await db()`
		update sessions set sso_refresh_token = ${sealRefreshToken(outcome.answer.refreshToken)},
			sso_id_token = coalesce(${outcome.answer.idToken ?? null}, sso_id_token)
		where id = ${session.id}`;
	return true;
}
