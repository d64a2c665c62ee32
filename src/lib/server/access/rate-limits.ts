import { AppError } from '../errors';
import { processGlobal } from '../process-global';

/**
 * Fixed-window counters kept in this process's memory, for limits where a few more requests
 * across several nodes do no harm (the JSON API, invite links). Sign-in attempts are counted
 * in PostgreSQL instead (auth/rate-limit.ts): there, every node must agree.
 */
export interface Limit {
	/** Requests allowed per window. */
	max: number;
	windowMs: number;
}

export const LIMITS = {
	/** Per API token, or per signed-in person, or per address when anonymous. */
	api: { max: Number(process.env.API_RATE_LIMIT ?? 600), windowMs: 60_000 },
	/** Opening or accepting invite links, per address: links are not to be guessed. */
	inviteLink: { max: 60, windowMs: 60_000 },
	/** Alert payloads per integration (a storm arrives in bursts). */
	ingest: { max: Number(process.env.ALERT_RATE_LIMIT ?? 6000), windowMs: 60_000 },
	/** Requests to unknown or revoked ingestion URLs, per address: secrets are not to be guessed. */
	ingestMiss: { max: 60, windowMs: 60_000 }
} as const satisfies Record<string, Limit>;

interface Window {
	count: number;
	resetAt: number;
}

const windows = processGlobal('rate-windows', new Map<string, Window>());
// Bounded memory: past this many keys, expired windows are swept.
const SWEEP_ABOVE = 10_000;

/** Counts one request; returns the seconds to wait when over the limit, else null. */
export function hit(key: string, limit: Limit, now = Date.now()): number | null {
	const map = windows.value;
	if (map.size > SWEEP_ABOVE) sweep(map, now);
	let window = map.get(key);
	if (!window || window.resetAt <= now) {
		window = { count: 0, resetAt: now + limit.windowMs };
		map.set(key, window);
	}
	window.count += 1;
	return window.count > limit.max ? Math.ceil((window.resetAt - now) / 1000) : null;
}

/** Throws `rate_limited` with the wait when over the limit. */
export function assertWithinLimit(key: string, limit: Limit, what: string) {
	const wait = hit(key, limit);
	if (wait !== null) {
		throw new AppError('rate_limited', `Too many ${what}. Retry in ${wait} seconds.`);
	}
}

/** Whether the key already used up its window, without counting a request. */
export function isOverLimit(key: string, limit: Limit, now = Date.now()): boolean {
	const window = windows.value.get(key);
	return window !== undefined && window.resetAt > now && window.count >= limit.max;
}

/** Forgets every counter (tests). */
export function resetRateLimits() {
	windows.value.clear();
}

function sweep(map: Map<string, Window>, now: number) {
	for (const [key, window] of map) if (window.resetAt <= now) map.delete(key);
}
