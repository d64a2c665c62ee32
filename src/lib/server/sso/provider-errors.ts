import {
	AuthorizationResponseError,
	ClientError,
	ResponseBodyError,
	WWWAuthenticateChallengeError
} from 'openid-client';

/** Why a sign-in through a provider failed: a short code for the audit log, and plain words. */
export interface SsoFailure {
	reason: string;
	message: string;
}

const REFUSED = 'Your identity provider refused the sign-in';

/** The provider said no on its authorization page and sent the person back with an error. */
function authorizationError(code: string, description: string, redirectUri: string): SsoFailure {
	if (/redirect/i.test(description) || code === 'invalid_redirect_uri') {
		return {
			reason: 'redirect_uri_not_registered',
			message: `${REFUSED}: the redirect URL is not registered. Add ${redirectUri} to the client's valid redirect URIs at the provider.`
		};
	}
	const words: Record<string, string> = {
		access_denied: `${REFUSED}: access was denied (you cancelled, or your account there may not use Nightshift).`,
		login_required: `${REFUSED}: you need to sign in at the provider first.`,
		consent_required: `${REFUSED}: it needs your consent first.`,
		interaction_required: `${REFUSED}: it needs you to act on its own page first.`,
		unauthorized_client: `${REFUSED}: this client may not use the authorization code flow. Enable "standard flow" (authorization code) for it.`,
		invalid_client: `${REFUSED}: it does not know the client id configured in Nightshift.`,
		invalid_scope: `${REFUSED}: it does not offer the scopes Nightshift asks for (openid, email, profile).`,
		unsupported_response_type: `${REFUSED}: it does not allow the authorization code flow for this client.`,
		server_error: `${REFUSED}: it had an internal error. Try again in a moment.`,
		temporarily_unavailable: `${REFUSED}: it is temporarily unavailable. Try again in a moment.`
	};
	return {
		reason: `provider_${code}`.slice(0, 80),
		message: words[code] ?? `${REFUSED}: ${description || code}.`
	};
}

/** The token endpoint answered with an OAuth error. */
function tokenError(code: string, description: string, redirectUri: string): SsoFailure {
	if (code === 'invalid_client' || code === 'unauthorized_client') {
		return {
			reason: 'client_refused',
			message:
				'Your identity provider did not accept Nightshift’s client id or client secret: check them in the organization’s sign-in settings.'
		};
	}
	if (code === 'invalid_grant' && /redirect/i.test(description)) {
		return authorizationError('invalid_redirect_uri', description, redirectUri);
	}
	if (code === 'invalid_grant') {
		return {
			reason: 'code_refused',
			message:
				'Your identity provider refused the sign-in code (already used, expired, or not issued for this sign-in). Start again.'
		};
	}
	return { reason: `token_${code}`.slice(0, 80), message: `${REFUSED}: ${description || code}.` };
}

/** What a check of the answer (the ID token) found wrong. */
function checkFailure(message: string): SsoFailure {
	const token = 'The identity token from your provider';
	if (/signature/i.test(message))
		return {
			reason: 'id_token_signature',
			message: `${token} has an invalid signature: it was altered or not signed by the provider. The sign-in was refused.`
		};
	if (/"aud"|"azp"/.test(message))
		return {
			reason: 'id_token_audience',
			message: `${token} was issued for another application (wrong audience). The sign-in was refused.`
		};
	if (/"nonce"/.test(message))
		return {
			reason: 'id_token_nonce',
			message: `${token} does not belong to this sign-in (wrong nonce). The sign-in was refused: start again.`
		};
	if (/"iss"/.test(message))
		return {
			reason: 'id_token_issuer',
			message: `${token} comes from another issuer than the one configured. The sign-in was refused.`
		};
	if (/"exp"|"iat"|"nbf"|expired|timestamp/i.test(message))
		return {
			reason: 'id_token_expired',
			message: `${token} has expired or is not valid yet (check both servers’ clocks). The sign-in was refused: start again.`
		};
	if (/"state"/.test(message))
		return {
			reason: 'state_mismatch',
			message:
				'This answer from your identity provider does not belong to this sign-in. Start again.'
		};
	return {
		reason: 'invalid_response',
		message: `Your identity provider's answer failed Nightshift's checks (${message.slice(0, 120)}). The sign-in was refused.`
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
		message: `Nightshift could not reach your identity provider or understand its answer (${detail.slice(0, 120)}). Check the issuer URL, or try again in a moment.`
	};
}
