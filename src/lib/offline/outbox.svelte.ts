import type { PendingChange, ShownChange } from '$lib/offline/pending';
import { parseRetryAfter, retryDelay } from './retry';
import { m } from '$lib/paraglide/messages';

/**
 * The browser's outbox: every change made in a room goes through it, online or not. It is kept
 * in localStorage (per person), so it survives a reload, a cut link and an expired session; it
 * is sent in order, each change with its client mutation id, so a retry is applied once. A
 * change the server refuses (the step moved on meanwhile) stays listed with the reason until
 * its author dismisses it: never silently dropped.
 *
 * When the server cannot take a change now (5xx, 429, or no answer while the browser is online)
 * it is retried after a backoff, or after the server's Retry-After when it gives one, without
 * waiting for the live connection to come back: the socket may never have dropped. The window's
 * `online` event sends at once.
 */
export interface OutboxEntry {
	/** Also the client mutation id the server stores with a unique constraint. */
	id: string;
	incidentId: string;
	/** What the person did, in their words: "Done: Reinstall Debian on web04". */
	label: string;
	url: string;
	body: Record<string, unknown>;
	createdAt: string;
	state: 'queued' | 'refused';
	error?: string;
	/** How the room shows the change until the server's event does. */
	preview?: PendingChange;
}

export type NewEntry = Pick<OutboxEntry, 'incidentId' | 'label' | 'url' | 'body' | 'preview'>;

/** A change the server accepted whose live event may not have arrived yet. */
interface Settling {
	entry: OutboxEntry & { preview: PendingChange };
	seq: number | null;
}

type Outcome =
	| { sent: true; seq: number | null }
	| { refused: string }
	| { retryLater: true; afterMs: number | null }
	| { signIn: true };

const SEND_TIMEOUT_MS = 20_000;
/** How long an accepted change is still shown if its live event never comes (the link is down). */
const SETTLE_MS = 15_000;
const nowIso = () => new Date(Date.now()).toISOString();

export interface OutboxOptions {
	/** [0, 1): spreads the retries of many browsers after an outage. */
	random?: () => number;
}

export class Outbox {
	entries = $state<OutboxEntry[]>([]);
	/** The session expired: changes wait until the person signs in again. */
	needsSignIn = $state(false);
	sending = $state(false);
	#settling = $state<Settling[]>([]);
	readonly #key: string;
	readonly #random: () => number;
	#flushing: Promise<void> | null = null;
	#retryTimer: ReturnType<typeof setTimeout> | null = null;
	#attempt = 0;

	constructor(userId: string, options: OutboxOptions = {}) {
		this.#key = `nightshift.outbox.${userId}`;
		this.#random = options.random ?? Math.random;
		this.entries = this.#load();
		window.addEventListener('storage', (e) => {
			if (e.key === this.#key) this.entries = this.#load();
		});
		window.addEventListener('online', () => void this.flush());
	}

	get queued(): number {
		return this.entries.filter((e) => e.state === 'queued').length;
	}

	/**
	 * The changes the room shows before their events arrive, in the order they were made: the
	 * queued ones (pending), then none of the refused (rolled back: the list says why).
	 */
	get shown(): ShownChange[] {
		const waiting = this.entries.flatMap(({ preview, ...entry }) =>
			preview && entry.state === 'queued' ? [shownOf({ ...entry, preview }, false, null)] : []
		);
		const accepted = this.#settling.map(({ entry, seq }) => shownOf(entry, true, seq));
		return [...accepted, ...waiting];
	}

	/**
	 * Queues a change and tries to send it now (unless the queue waits for a retry); resolves
	 * with a refusal message, if any.
	 */
	async submit(change: NewEntry): Promise<string | null> {
		const id = crypto.randomUUID();
		const entry: OutboxEntry = {
			...change,
			id,
			body: { ...change.body, clientMutationId: id },
			createdAt: nowIso(),
			state: 'queued'
		};
		this.entries = [...this.entries, entry];
		this.#save();
		// Behind a change that waits for its retry, this one waits too (and keeps the order).
		if (this.#retryTimer) return null;
		await this.flush();
		return this.entries.find((e) => e.id === id && e.state === 'refused')?.error ?? null;
	}

	/** Sends what is queued, in order; a retry waiting for its time is brought forward. */
	flush(): Promise<void> {
		this.#cancelRetry();
		this.#flushing ??= this.#sendAll().finally(() => {
			this.#flushing = null;
		});
		return this.#flushing;
	}

	dismiss(id: string) {
		this.entries = this.entries.filter((e) => e.id !== id);
		this.#save();
	}

	async #sendAll() {
		this.sending = true;
		try {
			for (;;) {
				const next = this.entries.find((e) => e.state === 'queued');
				if (!next) return;
				const outcome = await send(next);
				if ('retryLater' in outcome) {
					this.#retryAfter(outcome.afterMs);
					return;
				}
				if ('signIn' in outcome) {
					this.needsSignIn = true;
					return;
				}
				this.#attempt = 0;
				this.needsSignIn = false;
				if ('sent' in outcome) this.#settle(next, outcome.seq);
				this.entries =
					'sent' in outcome
						? this.entries.filter((e) => e.id !== next.id)
						: this.entries.map((e) =>
								e.id === next.id ? { ...e, state: 'refused', error: outcome.refused } : e
							);
				this.#save();
			}
		} finally {
			this.sending = false;
		}
	}

	/**
	 * Offline, the `online` event (or the live connection coming back) sends; online, the server
	 * or the path to it failed, so try again after a while.
	 */
	#retryAfter(afterMs: number | null) {
		if (typeof navigator !== 'undefined' && navigator.onLine === false) return;
		const delay = retryDelay(this.#attempt, afterMs, this.#random);
		this.#attempt += 1;
		this.#cancelRetry();
		this.#retryTimer = setTimeout(() => {
			this.#retryTimer = null;
			void this.flush();
		}, delay);
	}

	#settle(entry: OutboxEntry, seq: number | null) {
		const { preview } = entry;
		if (!preview) return;
		this.#settling = [...this.#settling, { entry: { ...entry, preview }, seq }];
		setTimeout(() => {
			this.#settling = this.#settling.filter((s) => s.entry.id !== entry.id);
		}, SETTLE_MS);
	}

	#cancelRetry() {
		if (this.#retryTimer) clearTimeout(this.#retryTimer);
		this.#retryTimer = null;
	}

	#load(): OutboxEntry[] {
		try {
			const raw = localStorage.getItem(this.#key);
			const parsed: unknown = raw ? JSON.parse(raw) : [];
			return Array.isArray(parsed) ? (parsed as OutboxEntry[]) : [];
		} catch {
			return [];
		}
	}

	#save() {
		localStorage.setItem(this.#key, JSON.stringify(this.entries));
	}
}

async function send(entry: OutboxEntry): Promise<Outcome> {
	let response: Response;
	try {
		response = await fetch(entry.url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', accept: 'application/json' },
			body: JSON.stringify(entry.body),
			signal: AbortSignal.timeout(SEND_TIMEOUT_MS)
		});
	} catch {
		return { retryLater: true, afterMs: null };
	}
	if (response.ok) return { sent: true, seq: seqOf(await response.json().catch(() => null)) };
	if (response.status === 401) return { signIn: true };
	if (response.status >= 500 || response.status === 429) {
		return { retryLater: true, afterMs: parseRetryAfter(response.headers.get('retry-after')) };
	}
	const refusal = refusalOf(await response.json().catch(() => null));
	return { refused: refusal ?? m.outbox_refused_status({ status: response.status }) };
}

function shownOf(
	entry: OutboxEntry & { preview: PendingChange },
	confirmed: boolean,
	seq: number | null
): ShownChange {
	const { id, incidentId, preview, createdAt } = entry;
	return { id, incidentId, preview, createdAt, confirmed, seq };
}

/** The reason in an API error answer (`{ error: { message } }`), when it gives one. */
function refusalOf(body: unknown): string | null {
	if (typeof body !== 'object' || body === null || !('error' in body)) return null;
	const { error } = body;
	if (typeof error !== 'object' || error === null || !('message' in error)) return null;
	return typeof error.message === 'string' ? error.message : null;
}

/** The event number an accepted write answers with, when it says (notes do). */
function seqOf(body: unknown): number | null {
	if (typeof body !== 'object' || body === null || !('seq' in body)) return null;
	return typeof body.seq === 'number' ? body.seq : null;
}
