import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { migrate, readMigrations } from '../../src/lib/server/db/migrate';
import { migrateQueue } from '../../src/lib/server/queue/queue';

declare module 'vitest' {
	export interface ProvidedContext {
		databaseUrl: string;
		serverUrl: string;
	}
}

/**
 * One fresh database per run, on the server TEST_DATABASE_URL or DATABASE_URL names, else on
 * an embedded PostgreSQL in a temporary directory; dropped afterwards.
 */
export default async function setup(project: TestProject) {
	const configured = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
	let serverUrl = configured;
	let stopEmbedded = async () => {};
	if (!serverUrl) {
		const { startEmbeddedDatabase } = await import('../../src/lib/server/db/embedded');
		const { log } = await import('../../src/lib/server/log');
		const dataDir = await mkdtemp(path.join(os.tmpdir(), 'nightshift-test-'));
		// mkdtemp makes it 0700; as root, PostgreSQL runs as the postgres user, who must enter it.
		await chmod(dataDir, 0o755);
		const embedded = await startEmbeddedDatabase({ dataDir, log });
		serverUrl = embedded.url;
		stopEmbedded = async () => {
			await embedded.stop();
			await rm(dataDir, { recursive: true, force: true });
		};
	}
	const name = `nightshift_test_${process.pid}_${Date.now()}`;
	const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
	await admin`create database ${admin(name)}`;
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
	await migrate(sql, await readMigrations(path.resolve('migrations')));
	await sql.end();
	// Commands queue their webhooks and mail through graphile-worker's schema (issue 15).
	await migrateQueue(url.toString());
	project.provide('databaseUrl', url.toString());
	project.provide('serverUrl', serverUrl);

	return async () => {
		await admin`drop database if exists ${admin(name)} with (force)`;
		await admin.end();
		await stopEmbedded();
	};
}
