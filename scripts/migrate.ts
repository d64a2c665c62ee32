/** npm run migrate: applies the pending migrations, as the app does at start. */
import path from 'node:path';
import { db } from '../src/lib/server/db/db';
import { migrate, readMigrations } from '../src/lib/server/db/migrate';
import { migrateQueue } from '../src/lib/server/queue/queue';
import { run, withDatabase } from './database';

run(() =>
	withDatabase(async (url) => {
		const applied = await migrate(db(), await readMigrations(path.resolve('migrations')));
		await migrateQueue(url);
		console.log(
			applied.length > 0 ? `Applied: ${applied.join(', ')}` : 'The database is up to date.'
		);
	})
);
