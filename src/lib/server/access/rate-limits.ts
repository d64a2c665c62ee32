import { limitConfig } from '../config';
import { db, type Db } from '../db/db';
import { AppError } from '../errors';
import { processGlobal } from '../process-global';

/**
 * Fixed-window counters kept in PostgreSQL (table rate_counters), so every node of a cluster
 * draws on one budget: N requests spread over two nodes meet the limit at N, not 2N. A hit is
 * one atomic upsert; expired windows are swept by the queue (sweepRateCounters). Sign-in
 * attempts have their own table and rule (auth/rate-limit.ts).
 */
export interface Limit {
	/** Requests allowed per window; 0 means no limit. */
	max: number;
	windowMs: number;
}

export interface Limits {
	/** Per API token, or per signed-in person, or per address when anonymous. */
	api: Limit;
	/** Opening or accepting invite links, per address: links are not to be guessed. */
	inviteLink: Limit;
	/** Alert payloads per integration (a storm arrives in bursts). */
	ingest: Limit;
	/** Requests to unknown or revoked ingestion URLs, per address: secrets are not to be guessed. */
	ingestMiss: Limit;
}

const settings = processGlobal<Limits | undefined>('rate-limits', undefined);

/** The limits, from the validated configuration (API_RATE_LIMIT, ALERT_RATE_LIMIT); read once. */
export function limits(): Limits {
	settings.value ??= limitsFrom(limitConfig());
	return settings.value;
}

export function limitsFrom(config: { API_RATE_LIMIT: number; ALERT_RATE_LIMIT: number }): Limits {
	return {
		api: { max: config.API_RATE_LIMIT, windowMs: 60_000 },
		inviteLink: { max: 60, windowMs: 60_000 },
		ingest: { max: config.ALERT_RATE_LIMIT, windowMs: 60_000 },
		ingestMiss: { max: 60, windowMs: 60_000 }
	};
}

/** Keys are made of ids and addresses; anything longer is cut (it still counts as one key). */
const MAX_KEY_LENGTH = 200;

/** Counts one request; returns the seconds to wait when over the limit, else null. */
export async function hit(key: string, limit: Limit, sql?: Db): Promise<number | null> {
	if (limit.max <= 0) return null;
	const [row] = await (sql ?? db())<{ hits: number; wait: number }[]>`
		insert into rate_counters as c (key, hits, reset_at)
		values (${key.slice(0, MAX_KEY_LENGTH)}, 1,
			clock_timestamp() + make_interval(secs => ${limit.windowMs / 1000}))
		on conflict (key) do update set
			hits = case when c.reset_at <= clock_timestamp() then 1 else c.hits + 1 end,
			reset_at = case when c.reset_at <= clock_timestamp() then excluded.reset_at
				else c.reset_at end
		returning hits,
			greatest(1, ceil(extract(epoch from reset_at - clock_timestamp())))::int as wait`;
	if (!row) throw new Error('rate counter upsert returned no row');
	return row.hits > limit.max ? row.wait : null;
}

/** Whether the key already used up its window, without counting a request. */
export async function isOverLimit(key: string, limit: Limit, sql?: Db): Promise<boolean> {
	if (limit.max <= 0) return false;
	const [row] = await (sql ?? db())<{ over: boolean }[]>`
		select hits >= ${limit.max} as over from rate_counters
		where key = ${key.slice(0, MAX_KEY_LENGTH)} and reset_at > clock_timestamp()`;
	return row?.over ?? false;
}

/** Throws `rate_limited` with the wait when over the limit, in words `refusal` gives. */
export async function assertWithinLimit(
	key: string,
	limit: Limit,
	refusal: (seconds: number) => string
) {
	const wait = await hit(key, limit);
	if (wait !== null) throw new AppError('rate_limited', refusal(wait));
}

/** Deletes the windows that have ended; returns how many. Run by the queue every few minutes. */
export async function sweepRateCounters(sql: Db = db()): Promise<number> {
	const rows = await sql`delete from rate_counters where reset_at <= clock_timestamp()`;
	return rows.count;
}

/** Forgets every counter (tests). */
export async function resetRateLimits(sql: Db = db()) {
	await sql`delete from rate_counters`;
}
