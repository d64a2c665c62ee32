import path from 'node:path';
import { json } from '@sveltejs/kit';
import { db } from '$lib/server/db/db';
import { pendingMigrations, readMigrations } from '$lib/server/db/migrate';

/** Ready when the database answers and every migration on disk is applied. */
export const GET = async () => {
	try {
		const pending = await pendingMigrations(db(), await readMigrations(path.resolve('migrations')));
		if (pending > 0) return json({ status: 'migrating', pending }, { status: 503 });
		return json({ status: 'ready' });
	} catch {
		return json({ status: 'database unreachable' }, { status: 503 });
	}
};
