import type { PublicStatus } from '$lib/status/public';
import type { CommandOutcome } from '../events/command';
import { processGlobal } from '../process-global';

/**
 * The public page is read by the merchant's customers while the shop is down: each slug's
 * state is read from PostgreSQL at most once every few seconds per process, whatever the
 * traffic (unknown slugs too), and forgotten at once when this process changes it.
 */
const TTL_MS = 5_000;
const MAX_ENTRIES = 1_000;

interface Entry {
	at: number;
	value: Promise<PublicStatus | null>;
}

const entries = processGlobal<Map<string, Entry>>('status-cache', new Map());

export function cachedStatus(
	slug: string,
	read: () => Promise<PublicStatus | null>,
	now = Date.now()
): Promise<PublicStatus | null> {
	const map = entries.value;
	const hit = map.get(slug);
	if (hit && now - hit.at < TTL_MS) return hit.value;
	if (map.size >= MAX_ENTRIES) map.clear();
	const value = read();
	map.set(slug, { at: now, value });
	value.catch(() => map.delete(slug));
	return value;
}

export function forgetPublicStatus(slug: string) {
	entries.value.delete(slug);
}

/** A command that changes a public page: once it has committed, the page's cached view goes. */
export function forgettingPage<Args extends unknown[], R extends { slug: string }>(
	run: (...args: Args) => Promise<CommandOutcome<R>>
) {
	return async (...args: Args): Promise<CommandOutcome<R>> => {
		const outcome = await run(...args);
		forgetPublicStatus(outcome.result.slug);
		return outcome;
	};
}
