const BROWSERS: [RegExp, string][] = [
	[/Edg\//, 'Edge'],
	[/OPR\/|Opera/, 'Opera'],
	[/Firefox\//, 'Firefox'],
	[/Chrom(e|ium)\//, 'Chrome'],
	[/Safari\//, 'Safari'],
	[/curl\//, 'curl']
];
const SYSTEMS: [RegExp, string][] = [
	[/iPhone|iPad|iPod/, 'iOS'],
	[/Android/, 'Android'],
	[/Windows/, 'Windows'],
	[/Mac OS X|Macintosh/, 'macOS'],
	[/CrOS/, 'ChromeOS'],
	[/Linux/, 'Linux']
];

const first = (list: [RegExp, string][], ua: string) =>
	list.find(([pattern]) => pattern.test(ua))?.[1] ?? null;

/** The browser and system named by a User-Agent header ("Firefox", "Linux"), when recognised. */
export function describeDevice(userAgent: string | null): {
	browser: string | null;
	system: string | null;
} {
	const ua = userAgent ?? '';
	return { browser: first(BROWSERS, ua), system: first(SYSTEMS, ua) };
}
