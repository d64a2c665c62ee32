/**
 * The database the app would use, for one-off commands (npm run migrate, npm run seed): the one
 * DATABASE_URL names, else the embedded PostgreSQL under NIGHTSHIFT_DATA_DIR, started for the
 * command and stopped after it. Configuration is read exactly as the app reads it.
 */
import { readConfig } from '../src/lib/server/config';
import { connect, disconnect } from '../src/lib/server/db/db';
import { log } from '../src/lib/server/log';

export async function withDatabase(task: (url: string) => Promise<void>): Promise<void> {
	const config = readConfig();
	let stopDatabase = async () => {};
	let url: string;
	if (config.DATABASE_URL) {
		url = config.DATABASE_URL;
		connect(url, { max: 2 });
	} else {
		const { startEmbeddedDatabase } = await import('../src/lib/server/db/embedded');
		const database = await startEmbeddedDatabase({
			dataDir: config.dataDir,
			port: config.EMBEDDED_PG_PORT,
			log
		});
		url = database.url;
		connect(url, { max: 2 });
		stopDatabase = () => database.stop();
	}
	try {
		await task(url);
	} finally {
		await disconnect();
		await stopDatabase();
	}
}

/** Runs a command's main function: a clear message and exit code 1 on failure. */
export function run(main: () => Promise<void>): void {
	main().then(
		() => process.exit(0),
		(error: unknown) => {
			console.error(error instanceof Error ? error.message : error);
			process.exit(1);
		}
	);
}
