import type { Server as HttpServer } from 'node:http';
import path from 'node:path';
import { readConfig } from './config';
import { connect, db, disconnect } from './db/db';
import { migrate, readMigrations } from './db/migrate';
import { assertPatchedPostgres } from './db/patched';
import { seedDemo, DEMO_ACCOUNTS } from './demo/seed';
import { log } from './log';
import { describeSmtp, smtpSettings } from './mail/settings';
import { startMetricsServer } from './metrics/http';
import { setRealtimeCounts } from './metrics/registry';
import { migrateQueue, startWorker, stopWorker } from './queue/queue';
import { CRONTAB, TASKS } from './queue/tasks';
import { processGlobal } from './process-global';
import { attachRealtime, closeRealtime } from './realtime/server';
import { syncInstanceProvider } from './sso/instance';
import type { NightshiftServer } from './realtime/types';

/** server.js (production) and the Vite plugin (development) hand over their HTTP server here. */
const HTTP_SERVER = Symbol.for('nightshift.httpServer');
const SHUTDOWN = Symbol.for('nightshift.shutdown');

type Registry = { [HTTP_SERVER]?: HttpServer; [SHUTDOWN]?: () => Promise<void> };
const registry = globalThis as Registry;

const booting = processGlobal<Promise<void> | undefined>('boot', undefined);

/** Starts the database (embedded or DATABASE_URL), migrates, seeds, attaches socket.io. Once. */
export function boot(options: { httpServer?: HttpServer; dev?: boolean } = {}): Promise<void> {
	if (options.httpServer) registry[HTTP_SERVER] = options.httpServer;
	const started = (booting.value ??= start(options.dev ?? false).catch((error: unknown) => {
		log.fatal({ err: error }, error instanceof Error ? error.message : 'start failed');
		console.error(
			`\nNightshift could not start: ${error instanceof Error ? error.message : error}\n`
		);
		process.exit(1);
	}));
	return started;
}

async function start(dev: boolean) {
	const config = readConfig();
	assertPatchedPostgres();
	let stopDatabase = async () => {};
	let databaseUrl: string;
	let embedded = false;
	if (config.DATABASE_URL) {
		databaseUrl = config.DATABASE_URL;
		connect(databaseUrl);
	} else {
		const { startEmbeddedDatabase } = await import('./db/embedded');
		const database = await startEmbeddedDatabase({
			dataDir: config.dataDir,
			port: config.EMBEDDED_PG_PORT,
			log
		});
		databaseUrl = database.url;
		connect(databaseUrl);
		stopDatabase = () => database.stop();
		embedded = true;
		log.info({ dataDir: database.dataDir, port: database.port }, 'embedded PostgreSQL started');
	}
	const applied = await migrate(db(), await readMigrations(path.resolve('migrations')));
	if (applied.length > 0) log.info({ applied }, 'migrations applied');
	// The durable queue's schema (graphile-worker's own migrations), then this node's worker.
	await migrateQueue(databaseUrl);
	await syncInstanceProvider(config);

	const shouldSeed = config.SEED_DEMO === 'always' || (config.SEED_DEMO === 'auto' && embedded);
	if (shouldSeed && (await seedDemo())) printDemoAccounts();

	const httpServer = registry[HTTP_SERVER];
	let io: NightshiftServer | undefined;
	if (httpServer) {
		io = attachRealtime(httpServer, {
			origin: config.ORIGIN,
			dev,
			clusterDatabaseUrl: databaseUrl
		});
	}
	if (io) {
		const server = io;
		setRealtimeCounts(() => ({
			sockets: server.engine.clientsCount,
			rooms: [...server.of('/').adapter.rooms.keys()].filter((r) =>
				/^(incident|organization):/.test(r)
			).length
		}));
	}
	if (process.env.QUEUE_WORKER !== 'off')
		await startWorker(databaseUrl, TASKS, { crontab: CRONTAB });
	// A local mail catcher is not assumed: say where mail goes, or that none is sent.
	console.log(`Nightshift e-mail: ${describeSmtp(smtpSettings())}`);
	const metricsServer = startMetricsServer(config);
	registry[SHUTDOWN] = async () => {
		metricsServer?.close();
		await stopWorker().catch(() => undefined);
		if (io) await closeRealtime(io).catch(() => undefined);
		await disconnect();
		await stopDatabase();
	};
}

function printDemoAccounts() {
	const lines = DEMO_ACCOUNTS.map(
		(a) =>
			`  ${a.side.padEnd(9)} ${a.email.padEnd(28)} ${a.role.padEnd(27)} password: ${a.password}`
	);
	console.log(`\nNightshift demo accounts:\n${lines.join('\n')}\n`);
}
