/** npm run seed: migrates, then creates the demo accounts if they are missing (idempotent). */
import path from 'node:path';
import { db } from '../src/lib/server/db/db';
import { migrate, readMigrations } from '../src/lib/server/db/migrate';
import { DEMO_ACCOUNTS, seedDemo } from '../src/lib/server/demo/seed';
import { migrateQueue } from '../src/lib/server/queue/queue';
import { run, withDatabase } from './database';

run(() =>
	withDatabase(async (url) => {
		await migrate(db(), await readMigrations(path.resolve('migrations')));
		await migrateQueue(url);
		await seedDemo();
		console.log('Demo accounts:');
		for (const account of DEMO_ACCOUNTS) {
			console.log(`  ${account.email.padEnd(32)} password: ${account.password}`);
		}
	})
);
