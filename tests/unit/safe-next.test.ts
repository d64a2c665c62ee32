import { describe, expect, it } from 'vitest';
import { safeNext } from '../../src/lib/server/auth/redirect';

/** What a browser makes of the Location header we would send: the host it goes to. */
function landsOn(location: string): string {
	return new URL(location, 'https://nightshift.example').host;
}

describe('safeNext, the one check of where a sign-in sends a person', () => {
	it('keeps a path of the app, with its query and fragment', () => {
		expect(safeNext('/incidents/123?tab=runbook#step-4')).toBe('/incidents/123?tab=runbook#step-4');
		expect(safeNext('/orgs')).toBe('/orgs');
	});

	it('falls back when there is nothing or something that is not a path', () => {
		expect(safeNext(null)).toBe('/dashboard');
		expect(safeNext('')).toBe('/dashboard');
		expect(safeNext('dashboard', '/x')).toBe('/x');
		expect(safeNext('https://evil.example/')).toBe('/dashboard');
		expect(safeNext('javascript:alert(1)')).toBe('/dashboard');
		expect(safeNext('/javascript:alert(1)')).toBe('/javascript:alert(1)');
		expect(safeNext(' /dashboard')).toBe('/dashboard');
	});

	const HOSTILE = [
		'//evil.example',
		'///evil.example',
		'/\\evil.example',
		'/\\/evil.example',
		'\\/evil.example',
		'/\t/evil.example',
		'/\n/evil.example',
		'/\r\n/evil.example',
		'\t//evil.example',
		'/\t\t/evil.example',
		'/.//evil.example',
		'/./\\evil.example',
		'/../\\evil.example',
		'/%09/evil.example',
		'/%5C/evil.example',
		'/%2F/evil.example',
		'/%2f%2fevil.example',
		'/%0d%0a/evil.example',
		'/\u0000/evil.example',
		'/\ud800',
		'/é/\u2028evil.example',
		'/x\r\nSet-Cookie: a=b'
	];

	it.each(HOSTILE)('never leaves the app for %j', (value) => {
		const location = safeNext(value);
		expect(location.startsWith('/')).toBe(true);
		expect(location.startsWith('//')).toBe(false);
		expect(landsOn(location)).toBe('nightshift.example');
		// What goes into a header is printable ASCII only.
		expect(location).toMatch(/^[\x21-\x7e]*$/);
	});

	it('sends the encoded form of what it keeps (no tab, newline or non-Latin-1 in the header)', () => {
		expect(safeNext('/%09/evil.example')).toBe('/%09/evil.example');
		expect(safeNext('/incidents/é')).toBe('/incidents/%C3%A9');
		expect(safeNext('/x\r\nSet-Cookie: a=b')).toBe('/xSet-Cookie:%20a=b');
	});

	it('parses against the origin it is given and refuses any other', () => {
		expect(safeNext('/rooms', '/', 'https://nightshift.example')).toBe('/rooms');
		expect(safeNext('/\t/evil.example', '/', 'https://nightshift.example')).toBe('/');
	});
});
