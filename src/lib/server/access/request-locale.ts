import { extractLocaleFromRequest, isLocale, type Locale } from '$lib/paraglide/runtime';

/**
 * The reader's language for an answer given before paraglide's middleware runs (the request
 * guards, the socket handshake): the signed-in person's choice when known, else the same
 * strategies as the middleware (the language cookie, then Accept-Language, then English).
 */
export function requestLocale(request: Request, preferred?: string | null): Locale {
	if (preferred && isLocale(preferred)) return preferred;
	return extractLocaleFromRequest(request);
}
