import { Logger, run, runMigrations, type Runner, type TaskList } from 'graphile-worker';
import type { Db, Tx } from '../db/db';
import { log } from '../log';
import { processGlobal } from '../process-global';

/**
 * The durable queue: graphile-worker's jobs table in the same PostgreSQL. A job is added with
 * `graphile_worker.add_job` inside the transaction that wrote the fact it carries out, so a
 * crash after commit never loses it, and a rollback never sends it.
 */

export type JobName = 'outbound_event' | 'webhook_deliver' | 'mail_send' | 'action_items_due';

export interface JobPayloads {
	/** Events of one command, by stream and sequence number: fanned out to webhooks and mail. */
	outbound_event: { events: { streamId: string; seq: number }[] };
	webhook_deliver: { deliveryId: string };
	mail_send: { mailId: string };
	action_items_due: Record<string, never>;
}

/** Adds a job in the caller's transaction (or on the pool for a job of its own). */
export async function addJob<N extends JobName>(
	sql: Db | Tx,
	name: N,
	payload: JobPayloads[N],
	runAt: Date | null = null,
	/** A job with this key replaces the one waiting (a redelivery replaces a scheduled retry). */
	jobKey: string | null = null
): Promise<void> {
	await sql`select graphile_worker.add_job(${name}, ${sql.json(payload)}::json, run_at => ${runAt},
		max_attempts => 3, job_key => ${jobKey})`;
}

/**
 * Adds one job per payload in ONE statement (graphile-worker's `add_jobs`), in the caller's
 * transaction: a fan-out to thousands costs one round-trip, not one each.
 */
export async function addJobs<N extends JobName>(
	sql: Db | Tx,
	name: N,
	payloads: JobPayloads[N][]
): Promise<void> {
	if (payloads.length === 0) return;
	const specs = payloads.map((payload) => ({ identifier: name, payload, max_attempts: 3 }));
	await sql`select count(*) from graphile_worker.add_jobs(array(
		select json_populate_recordset(null::graphile_worker.job_spec, ${sql.json(specs)}::json)))`;
}

const graphileLogger = new Logger((scope) => (level, message, meta) => {
	const child = log.child({ component: 'queue', task: scope.taskIdentifier, jobId: scope.jobId });
	const fields = meta ?? {};
	if (level === 'error') child.error(fields, message);
	else if (level === 'warning') child.warn(fields, message);
	else child.debug(fields, message);
});

/** Installs (or upgrades) the queue's own schema; run at start with the app's migrations. */
export async function migrateQueue(connectionString: string): Promise<void> {
	await runMigrations({ connectionString, logger: graphileLogger });
}

const runner = processGlobal<Runner | null>('queue-runner', null);

/** Starts this node's worker: every node works the queue; PostgreSQL hands each job to one. */
export async function startWorker(
	connectionString: string,
	taskList: TaskList,
	options: { pollInterval?: number; crontab?: string } = {}
): Promise<Runner> {
	if (runner.value) return runner.value;
	runner.value = await run({
		connectionString,
		taskList,
		concurrency: 4,
		maxPoolSize: 4,
		noHandleSignals: true,
		pollInterval: options.pollInterval ?? 2000,
		crontab: options.crontab ?? '',
		logger: graphileLogger
	});
	return runner.value;
}

export async function stopWorker(): Promise<void> {
	const current = runner.value;
	runner.value = null;
	await current?.stop();
}

/** Jobs waiting (due or scheduled), for /metrics. */
export async function queueDepth(sql: Db): Promise<number> {
	const [row] = await sql<{ n: number }[]>`
		select count(*)::int as n from graphile_worker.jobs where locked_at is null`;
	return row?.n ?? 0;
}
