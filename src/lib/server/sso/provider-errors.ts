import {
	AuthorizationResponseError,
	ClientError,
	ResponseBodyError,
	WWWAuthenticateChallengeError
} from 'openid-client';
import { m } from '$lib/paraglide/messages';

/** Why a sign-in through a provider failed: a short code for the audit log, and plain words. */
export interface SsoFailure {
	reason: string;
	message: string;
}

/** “Your identity provider refused the sign-in: …” */
const refused = (reason: string) => m.err_sso_refused({ reason });

/** The provider said no on its authorization page and sent the person back with an error. */
function authorizationError(code: string, description: string, redirectUri: string): SsoFailure {
	if (/redirect/i.test(description) || code === 'invalid_redirect_uri') {
		return {
			reason: 'redirect_uri_not_registered',
			message: refused(m.err_sso_redirect_unregistered({ uri: redirectUri }))
		};
	}
	const words: Record<string, string> = {
		access_denied: refused(m.err_sso_access_denied()),
		login_required: refused(m.err_sso_login_required()),
		consent_required: refused(m.err_sso_consent_required()),
		interaction_required: refused(m.err_sso_interaction_required()),
		unauthorized_client: refused(m.err_sso_unauthorized_client()),
		invalid_client: refused(m.err_sso_invalid_client()),
		invalid_scope: refused(m.err_sso_invalid_scope()),
		unsupported_response_type: refused(m.err_sso_unsupported_response_type()),
		server_error: refused(m.err_sso_server_error()),
		temporarily_unavailable: refused(m.err_sso_temporarily_unavailable())
	};
	return {
		reason: `provider_${code}`.slice(0, 80),
		message: words[code] ?? refused(`${description || code}.`)
	};
}

/** The token endpoint answered with an OAuth error. */
function tokenError(code: string, description: string, redirectUri: string): SsoFailure {
	if (code === 'invalid_client' || code === 'unauthorized_client') {
		return {
			reason: 'client_refused',
			message: m.err_sso_client_refused()
		};
	}
	if (code === 'invalid_grant' && /redirect/i.test(description)) {
		return authorizationError('invalid_redirect_uri', description, redirectUri);
	}
	if (code === 'invalid_grant') {
		return {
			reason: 'code_refused',
			message: m.err_sso_code_refused()
		};
	}
	return { reason: `token_${code}`.slice(0, 80), message: refused(`${description || code}.`) };
}

/** The checks of the answer (the ID token), recognized by what openid-client's message names. */
const CHECKS: { pattern: RegExp; reason: string; message: () => string }[] = [
	{ pattern: /signature/i, reason: 'id_token_signature', message: m.err_sso_token_signature },
	{ pattern: /"aud"|"azp"/, reason: 'id_token_audience', message: m.err_sso_token_audience },
	{ pattern: /"nonce"/, reason: 'id_token_nonce', message: m.err_sso_token_nonce },
	{ pattern: /"iss"/, reason: 'id_token_issuer', message: m.err_sso_token_issuer },
	{
		pattern: /"exp"|"iat"|"nbf"|expired|timestamp/i,
		reason: 'id_token_expired',
		message: m.err_sso_token_expired
	},
	{ pattern: /"state"/, reason: 'state_mismatch', message: m.err_sso_state_mismatch }
];

/** What a check of the answer (the ID token) found wrong: the first check its message names. */
function checkFailure(message: string): SsoFailure {
	const failed = CHECKS.find((check) => check.pattern.test(message));
	if (failed) return { reason: failed.reason, message: failed.message() };
	return {
		reason: 'invalid_response',
		message: m.err_sso_invalid_response({ detail: message.slice(0, 120) })
	};
}

/** Plain words for anything openid-client or the network threw during a sign-in. */
export function describeProviderError(error: unknown, redirectUri: string): SsoFailure {
	if (error instanceof AuthorizationResponseError) {
		return authorizationError(error.error, error.error_description ?? '', redirectUri);
	}
	if (error instanceof ResponseBodyError) {
		return tokenError(error.error, error.error_description ?? '', redirectUri);
	}
	if (error instanceof WWWAuthenticateChallengeError) {
		const challenge = error.cause[0]?.parameters;
		return tokenError(
			challenge?.error ?? 'invalid_client',
			challenge?.error_description ?? '',
			redirectUri
		);
	}
	if (error instanceof ClientError) {
		// openid-client's message is generic; the check that failed is named by its cause.
		const cause = error.cause instanceof Error ? error.cause.message : '';
		return checkFailure(`${error.message} ${cause}`);
	}
	return unreachable(error);
}

/** Discovery or a request that never got an answer. */
export function unreachable(error: unknown): SsoFailure {
	const detail = error instanceof Error ? error.message : String(error);
	return {
		reason: 'provider_unreachable',
		message: m.err_sso_unreachable({ detail: detail.slice(0, 120) })
	};
}
