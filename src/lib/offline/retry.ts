/** When to try a request again that the server could not take now. */

/** The first retry waits about this long; each next one twice as long, up to the cap. */
export const RETRY_BASE_MS = 1_000;
export const RETRY_CAP_MS = 60_000;

/**
 * The wait before retry number `attempt` (0 first): the server's Retry-After when it gave one,
 * else an exponential backoff with jitter (between half and all of the step), capped.
 */
export function retryDelay(attempt: number, retryAfterMs: number | null, random: () => number) {
	if (retryAfterMs !== null) return Math.min(Math.max(retryAfterMs, 0), 10 * RETRY_CAP_MS);
	const step = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** attempt);
	return Math.round(step * (0.5 + random() / 2));
}

/** Retry-After in milliseconds: delay-seconds or an HTTP date (RFC 9110 §10.2.3); else null. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
	if (!value) return null;
	const trimmed = value.trim();
	if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
	const at = Date.parse(trimmed);
	return Number.isNaN(at) ? null : Math.max(0, at - now);
}
