/**
 * Where a person may be sent after signing in: a path of this app, never another host.
 *
 * The value is read the way a browser will read the `Location` we send: parsed as a URL
 * against our own origin (WHATWG rules strip tabs and newlines and turn `\` into `/`, so
 * `/\t/evil.example` and `/\/evil.example` both become `//evil.example`). It is followed only
 * when the origin did not change and the result is a path with one leading `/`; what is sent
 * back is the parsed, percent-encoded form, so no control character or non-Latin-1 character
 * ever reaches a header.
 */
const BASE = 'http://nightshift.invalid';

export function safeNext(
	value: string | null | undefined,
	fallback = '/dashboard',
	origin: string = BASE
): string {
	if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\'))
		return fallback;
	// A lone surrogate or a NUL is never part of a path we link to.
	if (!value.isWellFormed() || value.includes('\0')) return fallback;
	let parsed: URL;
	try {
		parsed = new URL(value, origin);
	} catch {
		return fallback;
	}
	if (parsed.origin !== new URL(origin).origin) return fallback;
	const path = `${parsed.pathname}${parsed.search}${parsed.hash}`;
	// Dot segments may collapse into `//host` (`/.//evil.example`): still another host.
	if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return fallback;
	return path;
}
