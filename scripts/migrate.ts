/** npm run migrate: applies the pending migrations, as the app does at start. */
import path from 'node:path';
import { db } from '../src/lib/server/db/db';
import { migrate, readMigrations } from '../src/lib/server/db/migrate';
import { run, withDatabase } from './database';

run(() =>
	withDatabase(async () => {
		const applied = await migrate(db(), await readMigrations(path.resolve('migrations')));
		console.log(
			applied.length > 0 ? `Applied: ${applied.join(', ')}` : 'The database is up to date.'
		);
	})
);
