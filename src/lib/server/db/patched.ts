import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Every hunk of patches/postgres+3.4.9.patch says so in a comment. */
const MARKER = 'Nightshift patch';
/** The files the patch changes, in both builds Node may load (ESM `src/`, CommonJS `cjs/src/`). */
const PATCHED_FILES = [
	'src/connection.js',
	'src/index.js',
	'cjs/src/connection.js',
	'cjs/src/index.js'
];

/** The installed postgres.js package: its CommonJS entry is `<root>/cjs/src/index.js`. */
function installedPostgres(): string {
	const entry = createRequire(import.meta.url).resolve('postgres');
	return path.resolve(path.dirname(entry), '..', '..');
}

/** The files of a postgres.js install that lack the patch (none when it was applied). */
export function unpatchedPostgresFiles(root = installedPostgres()): string[] {
	return PATCHED_FILES.filter((file) => {
		const full = path.join(root, file);
		return !existsSync(full) || !readFileSync(full, 'utf8').includes(MARKER);
	});
}

/**
 * An install made with `--ignore-scripts` skips patch-package silently, and the unpatched
 * library lets other requests' queries run inside an open transaction under load: refuse to
 * start rather than lose writes one busy night.
 */
export function assertPatchedPostgres(): void {
	const missing = unpatchedPostgresFiles();
	if (missing.length === 0) return;
	throw new Error(
		`postgres.js is installed without patches/postgres+3.4.9.patch (not applied to ${missing.join(', ')}). ` +
			'Install with scripts enabled (npm ci), or run npx patch-package.'
	);
}
