import type { RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { isAppError } from '../errors';
import { resolveApiToken } from './api-tokens';
import { hit, limits } from './rate-limits';
import { requestLocale } from './request-locale';

/**
 * The checks every request passes before a route sees it (hooks.server.ts): body size,
 * cross-site JSON writes, API tokens and the API's rate limit. Each returns a ready answer
 * when the request stops here, else null.
 */

/** JSON API bodies are small commands; forms may carry an inventory import (up to 1 MB). */
export const MAX_API_BODY_BYTES = 256 * 1024;
export const MAX_FORM_BODY_BYTES = 2 * 1024 * 1024;

type Event = Pick<RequestEvent, 'request' | 'url' | 'locals' | 'getClientAddress'>;

export function isApi(url: URL): boolean {
	return url.pathname.startsWith('/api/');
}

/**
 * Monitoring posts alerts to an integration's secret URL: no Origin, its own optional bearer
 * secret (not an API token), larger bodies (a storm) and its own rate limit (alerts/ingest.ts).
 */
export const INGEST_PREFIX = '/api/v1/ingest/';
export const MAX_INGEST_BODY_BYTES = 1024 * 1024;

export function isIngest(url: URL): boolean {
	return url.pathname.startsWith(INGEST_PREFIX);
}

function refusal(status: number, code: string, message: string, headers?: HeadersInit) {
	return Response.json({ error: { code, message, fields: {} } }, { status, headers });
}

/**
 * Refuses a body announced as too large before it is read (adapter-node's BODY_SIZE_LIMIT
 * also cuts a chunked body that grows past its limit while it is read).
 */
export function refuseOversizedBody(request: Request, url: URL): Response | null {
	const length = Number(request.headers.get('content-length') ?? 0);
	const limit = isIngest(url)
		? MAX_INGEST_BODY_BYTES
		: isApi(url)
			? MAX_API_BODY_BYTES
			: MAX_FORM_BODY_BYTES;
	if (!Number.isFinite(length) || length <= limit) return null;
	const message = m.err_request_too_large(
		{ kilobytes: Math.round(limit / 1024) },
		{ locale: requestLocale(request) }
	);
	if (isApi(url)) return refusal(413, 'invalid', message);
	return new Response(message, { status: 413, headers: { 'content-type': 'text/plain' } });
}

export function bearerOf(request: Request): string | null {
	const header = request.headers.get('authorization');
	if (!header?.startsWith('Bearer ')) return null;
	return header.slice('Bearer '.length).trim();
}

/**
 * SvelteKit's CSRF check covers form posts only: a JSON write must come from our own origin
 * or carry a bearer token (which a browser never attaches by itself).
 */
export function refuseCrossOriginJson(request: Request, url: URL): Response | null {
	if (!isApi(url) || isIngest(url) || ['GET', 'HEAD', 'OPTIONS'].includes(request.method))
		return null;
	if (bearerOf(request) !== null) return null;
	if (request.headers.get('origin') === url.origin) return null;
	return refusal(
		403,
		'forbidden',
		m.err_cross_site_refused({}, { locale: requestLocale(request) })
	);
}

/**
 * A bearer token on the JSON API acts as its own identity: one organization, the token's
 * role (see access_grants), so every route's `authorize` treats it like a member. Tokens are
 * not accepted anywhere else: pages and forms are for people.
 */
export async function loadTokenActor(event: Event): Promise<Response | null> {
	const secret = isApi(event.url) && !isIngest(event.url) ? bearerOf(event.request) : null;
	if (secret === null) return null;
	let token: Awaited<ReturnType<typeof resolveApiToken>>;
	try {
		token = await resolveApiToken(secret, event.getClientAddress(), requestLocale(event.request));
	} catch (error) {
		// An expired token: 401, saying since when.
		if (!isAppError(error)) throw error;
		return refusal(error.status, error.code, error.message, { 'www-authenticate': 'Bearer' });
	}
	if (!token) {
		const message = m.err_api_token_invalid({}, { locale: requestLocale(event.request) });
		return refusal(401, 'unauthenticated', message, { 'www-authenticate': 'Bearer' });
	}
	event.locals.user = {
		id: token.userId,
		email: '',
		displayName: token.name,
		timezone: 'UTC',
		locale: 'en'
	};
	event.locals.session = null;
	event.locals.apiToken = {
		id: token.tokenId,
		organizationId: token.organizationId,
		role: token.role
	};
	return null;
}

/** The JSON API's rate limit: per token, else per person, else per address. */
export async function refuseOverApiLimit(event: Event): Promise<Response | null> {
	if (!isApi(event.url) || isIngest(event.url)) return null;
	const key = event.locals.apiToken
		? `token:${event.locals.apiToken.id}`
		: event.locals.user
			? `user:${event.locals.user.id}`
			: `address:${event.getClientAddress()}`;
	const wait = await hit(`api:${key}`, limits().api);
	if (wait === null) return null;
	const locale = requestLocale(event.request, event.locals.user?.locale);
	return refusal(429, 'rate_limited', m.err_too_many_requests({ seconds: wait }, { locale }), {
		'retry-after': String(wait)
	});
}
