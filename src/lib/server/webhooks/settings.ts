import type { BlockList } from 'node:net';
import { allowList } from './ssrf';

export interface WebhookSettings {
	allow: BlockList | 'all' | null;
	maxRedirects: number;
	timeoutMs: number;
	/** The first retry's delay; each next one doubles (with jitter), up to `maxDelayMs`. */
	retryBaseMs: number;
	maxDelayMs: number;
	/** How long a message is retried, and how long an endpoint may fail before it is disabled. */
	giveUpAfterMs: number;
}

const HOUR = 3_600_000;

function number(value: string | undefined, fallback: number): number {
	const n = Number(value);
	return value !== undefined && value !== '' && Number.isFinite(n) && n >= 0 ? n : fallback;
}

/** Read at each delivery, so an operator's change applies without a restart of the queue. */
export function webhookSettings(env: NodeJS.ProcessEnv = process.env): WebhookSettings {
	return {
		allow: allowList(env.WEBHOOKS_ALLOW_PRIVATE),
		maxRedirects: number(env.WEBHOOKS_MAX_REDIRECTS, 0),
		timeoutMs: number(env.WEBHOOKS_TIMEOUT_MS, 10_000),
		retryBaseMs: number(env.WEBHOOKS_RETRY_BASE_MS, 30_000),
		maxDelayMs: number(env.WEBHOOKS_RETRY_MAX_MS, 4 * HOUR),
		giveUpAfterMs: number(env.WEBHOOKS_GIVE_UP_MS, 24 * HOUR)
	};
}

/**
 * Exponential backoff with jitter: after attempt n, between half and all of base·2^(n-1)
 * (capped), so receivers coming back up are not hit by every sender at once.
 */
export function retryDelay(
	attempt: number,
	settings: WebhookSettings,
	random = Math.random
): number {
	const ceiling = Math.min(
		settings.maxDelayMs,
		settings.retryBaseMs * 2 ** Math.max(0, attempt - 1)
	);
	return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
