import postgres from 'postgres';
import { startWorker } from '../../../src/lib/server/queue/queue';
import { TASKS } from '../../../src/lib/server/queue/tasks';

/**
 * Starts this file's queue worker on its own jobs. The test files share one database and only
 * the outbound ones run a worker, so the jobs other files left queued would be worked through
 * first: after the authorization sweep, ~150 endpoints subscribed to every event of its world
 * mean ~190,000 deliveries to a host that does not resolve, and this file's deliveries wait
 * behind them past every timeout. Those jobs are set aside (failed) before the worker starts.
 */
export async function startOwnWorker(databaseUrl: string) {
	const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
	try {
		await sql`
			select graphile_worker.permanently_fail_jobs(
				array(select id from graphile_worker.jobs where locked_at is null),
				'left queued by an earlier test file')`;
	} finally {
		await sql.end();
	}
	return startWorker(databaseUrl, TASKS, { pollInterval: 100 });
}
