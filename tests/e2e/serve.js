// The web server of the end-to-end run: the built app (server.js) on a FRESH database, removed
// when the run ends. On the server TEST_DATABASE_URL or DATABASE_URL names, a database of its own
// is created and dropped; otherwise the app starts its embedded PostgreSQL in a temporary
// directory, which is deleted. It builds nothing: `npm run test:e2e` runs `vite build` first.
//
// server.js runs in a child process, not imported here: its shutdown ends with process.exit(),
// and the database can only be dropped (or its directory removed) after the app has let go of it.
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * @typedef {{ env: Record<string, string>, cleanup: () => Promise<void> }} Database
 */

/** @returns {Promise<Database>} */
async function createServerDatabase(/** @type {string} */ serverUrl) {
	const name = `nightshift_e2e_${process.pid}_${Date.now()}`;
	const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
	await admin`create database ${admin(name)}`;
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	console.error(`[e2e] database ${name} on ${url.host}`);
	return {
		env: { DATABASE_URL: url.toString() },
		cleanup: async () => {
			await admin`drop database if exists ${admin(name)} with (force)`;
			await admin.end({ timeout: 5 });
			console.error(`[e2e] dropped database ${name}`);
		}
	};
}

/** @returns {Promise<Database>} */
async function createEmbeddedDatabase() {
	const dataDir = await mkdtemp(path.join(os.tmpdir(), 'nightshift-e2e-'));
	// mkdtemp gives 0700; as root, PostgreSQL runs as "postgres", which must enter the directory.
	await chmod(dataDir, 0o711);
	console.error(`[e2e] embedded PostgreSQL in ${dataDir}`);
	return {
		env: { NIGHTSHIFT_DATA_DIR: dataDir },
		cleanup: async () => {
			await rm(dataDir, { recursive: true, force: true });
			console.error(`[e2e] removed ${dataDir}`);
		}
	};
}

const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
const database = serverUrl ? await createServerDatabase(serverUrl) : await createEmbeddedDatabase();

/** @type {Record<string, string | undefined>} */
const env = {
	...process.env,
	DATABASE_URL: undefined,
	...database.env,
	SEED_DEMO: 'always',
	LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
	PORT: process.env.PORT ?? '4180',
	HOST: process.env.HOST ?? '127.0.0.1'
};
const app = spawn(process.execPath, ['server.js'], { cwd: ROOT, env, stdio: 'inherit' });

// Playwright signals the whole process group, so the app gets the signal itself as well;
// forwarding covers a signal sent to this process alone (server.js ignores a second one).
for (const signal of /** @type {const} */ (['SIGTERM', 'SIGINT'])) {
	process.on(signal, () => {
		if (app.exitCode === null && app.signalCode === null) app.kill(signal);
	});
}

app.on('exit', async (code, signal) => {
	let status = code ?? (signal ? 1 : 0);
	try {
		await database.cleanup();
	} catch (error) {
		console.error('[e2e] cleanup failed:', error);
		status = 1;
	}
	process.exit(status);
});
