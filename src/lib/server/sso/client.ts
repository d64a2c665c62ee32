import * as oidc from 'openid-client';
import { ssoConfig } from '../config';
import { AppError } from '../errors';
import type { IdentityProvider } from './providers';
import { describeProviderError, unreachable } from './provider-errors';
import { open } from './secret-box';
import { m } from '$lib/paraglide/messages';

/** Where every provider sends people back: one URL to register, whatever the organization. */
export const CALLBACK_PATH = '/sso/callback';
const DISCOVERY_TTL_MS = 10 * 60 * 1000;
const TIMEOUT_SECONDS = 10;

export class SsoError extends AppError {
	readonly reason: string;
	constructor(reason: string, message: string) {
		super('invalid', message);
		this.reason = reason;
	}
}

const discovered = new Map<
	string,
	{ key: string; at: number; config: Promise<oidc.Configuration> }
>();

function clientSecret(provider: IdentityProvider): string | undefined {
	if (provider.instance) return ssoConfig().SSO_CLIENT_SECRET;
	return provider.clientSecretEncrypted ? open(provider.clientSecretEncrypted) : undefined;
}

/** Discovery from the issuer URL, kept ten minutes (and until the settings change). */
export function configurationOf(provider: IdentityProvider): Promise<oidc.Configuration> {
	const key = `${provider.id}:${provider.version}:${provider.updatedAt.getTime()}`;
	const cached = discovered.get(provider.id);
	if (cached && cached.key === key && cached.at > Date.now() - DISCOVERY_TTL_MS)
		return cached.config;
	const secret = clientSecret(provider);
	const issuer = new URL(provider.issuer);
	const config = oidc
		.discovery(
			issuer,
			provider.clientId,
			undefined,
			secret ? oidc.ClientSecretBasic(secret) : oidc.None(),
			{
				timeout: TIMEOUT_SECONDS,
				// The settings accept plain http only on loopback (a provider on this machine).
				execute: issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : []
			}
		)
		.then((config) => {
			// ID tokens are checked against the provider's JWKS too, not only trusted for the TLS.
			oidc.enableNonRepudiationChecks(config);
			return config;
		})
		.catch((error: unknown) => {
			discovered.delete(provider.id);
			const failure = unreachable(error);
			throw new SsoError(failure.reason, failure.message);
		});
	discovered.set(provider.id, { key, at: Date.now(), config });
	return config;
}

/** openid, e-mail, name; offline_access too where the provider offers it (for the checks). */
function scopeFor(config: oidc.Configuration): string {
	const supported = config.serverMetadata().scopes_supported ?? [];
	return [
		'openid',
		'email',
		'profile',
		...(supported.includes('offline_access') ? ['offline_access'] : [])
	].join(' ');
}

export interface Authorization {
	url: URL;
	state: string;
	nonce: string;
	codeVerifier: string;
}

/** The provider's authorization URL for a new sign-in: code flow, PKCE (S256), state, nonce. */
export async function authorizationUrl(
	provider: IdentityProvider,
	redirectUri: string,
	loginHint?: string
): Promise<Authorization> {
	const config = await configurationOf(provider);
	const codeVerifier = oidc.randomPKCECodeVerifier();
	const state = oidc.randomState();
	const nonce = oidc.randomNonce();
	const parameters: Record<string, string> = {
		redirect_uri: redirectUri,
		scope: scopeFor(config),
		code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
		code_challenge_method: 'S256',
		state,
		nonce
	};
	if (loginHint) parameters.login_hint = loginHint;
	return { url: oidc.buildAuthorizationUrl(config, parameters), state, nonce, codeVerifier };
}

export interface ProviderAnswer {
	claims: Record<string, unknown>;
	subject: string;
	idToken: string | undefined;
	refreshToken: string | undefined;
}

/** The claims of the ID token, completed from userinfo when it lacks e-mail or groups. */
async function answerOf(
	provider: IdentityProvider,
	config: oidc.Configuration,
	tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers
): Promise<ProviderAnswer> {
	const idClaims = tokens.claims();
	if (!idClaims) throw new SsoError('no_id_token', m.err_sso_no_id_token());
	let claims: Record<string, unknown> = { ...idClaims };
	const lacking = !('email' in claims) || !(provider.groupsClaim in claims);
	if (lacking && config.serverMetadata().userinfo_endpoint) {
		const info = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
		claims = { ...info, ...claims };
	}
	return {
		claims,
		subject: idClaims.sub,
		idToken: tokens.id_token,
		refreshToken: tokens.refresh_token
	};
}

/** Exchanges the code (with the verifier) and validates the ID token: issuer, audience, expiry, signature, nonce. */
export async function exchangeCode(
	provider: IdentityProvider,
	callbackUrl: URL,
	checks: { state: string; nonce: string; codeVerifier: string }
): Promise<ProviderAnswer> {
	const config = await configurationOf(provider);
	const redirectUri = `${callbackUrl.origin}${CALLBACK_PATH}`;
	try {
		const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
			pkceCodeVerifier: checks.codeVerifier,
			expectedState: checks.state,
			expectedNonce: checks.nonce,
			idTokenExpected: true
		});
		return await answerOf(provider, config, tokens);
	} catch (error) {
		if (error instanceof SsoError) throw error;
		const failure = describeProviderError(error, redirectUri);
		throw new SsoError(failure.reason, failure.message);
	}
}

export type RefreshOutcome =
	| { kind: 'answer'; answer: ProviderAnswer }
	/** The provider no longer honours the session (the person was disabled or signed out there). */
	| { kind: 'refused'; reason: string }
	/** No answer (network, provider down): the session is kept and checked again later. */
	| { kind: 'unreachable' };

/** The periodic check: a refresh grant gives a fresh ID token with the person's current groups. */
export async function refresh(
	provider: IdentityProvider,
	refreshToken: string,
	subject: string
): Promise<RefreshOutcome> {
	try {
		const config = await configurationOf(provider);
		const tokens = await oidc.refreshTokenGrant(config, refreshToken);
		const answer = await answerOf(provider, config, tokens);
		if (answer.subject !== subject) return { kind: 'refused', reason: 'subject_changed' };
		return {
			kind: 'answer',
			answer: { ...answer, refreshToken: answer.refreshToken ?? refreshToken }
		};
	} catch (error) {
		if (error instanceof oidc.ResponseBodyError) return { kind: 'refused', reason: error.error };
		if (error instanceof oidc.ClientError) {
			return { kind: 'refused', reason: describeProviderError(error, '').reason };
		}
		return { kind: 'unreachable' };
	}
}

/** The provider's end-session URL for RP-initiated logout, when it offers one. */
export async function endSessionUrl(
	provider: IdentityProvider,
	idToken: string | null,
	postLogoutRedirectUri: string
): Promise<URL | null> {
	try {
		const config = await configurationOf(provider);
		if (!config.serverMetadata().end_session_endpoint) return null;
		const parameters: Record<string, string> = {
			post_logout_redirect_uri: postLogoutRedirectUri,
			client_id: provider.clientId
		};
		if (idToken) parameters.id_token_hint = idToken;
		return oidc.buildEndSessionUrl(config, parameters);
	} catch {
		// Signing out of Nightshift never waits on the provider.
		return null;
	}
}
