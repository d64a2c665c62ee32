import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Outbox, type NewEntry } from '../../src/lib/offline/outbox.svelte';
import { parseRetryAfter, retryDelay } from '../../src/lib/offline/retry';

/**
 * The outbox in a fake browser: a window that dispatches `online`, a localStorage that outlives
 * an Outbox (as a reload or a new sign-in would), `navigator.onLine`, a fetch that answers what
 * each test says, and fake timers for the retries.
 */
const storage = new Map<string, string>();
const fakeWindow = new EventTarget();
const fakeNavigator = { onLine: true };
type Answer = Response | Error;
let answers: Answer[] = [];
const calls: { url: string; body: Record<string, unknown> }[] = [];

function reply(status: number, body: unknown = {}, headers: Record<string, string> = {}): Response {
	return new Response(JSON.stringify(body), {
		status,
		headers: { 'content-type': 'application/json', ...headers }
	});
}

const fakeFetch = vi.fn(async (url: string, init: RequestInit) => {
	calls.push({ url, body: JSON.parse(String(init.body)) });
	const answer = answers.shift() ?? reply(200);
	if (answer instanceof Error) throw answer;
	return answer;
});

const change = (label: string): NewEntry => ({
	incidentId: 'incident-1',
	label,
	url: '/api/v1/incidents/incident-1/notes',
	body: { text: label }
});

/** Lets the outbox's awaits run (fetch, response.json) without moving the clock. */
const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
	vi.useFakeTimers();
	vi.setSystemTime(Date.parse('2026-12-01T22:00:00Z'));
	storage.clear();
	answers = [];
	calls.length = 0;
	fakeNavigator.onLine = true;
	vi.stubGlobal('window', fakeWindow);
	vi.stubGlobal('navigator', fakeNavigator);
	vi.stubGlobal('fetch', fakeFetch);
	vi.stubGlobal('localStorage', {
		getItem: (key: string) => storage.get(key) ?? null,
		setItem: (key: string, value: string) => storage.set(key, value)
	});
});

afterEach(() => {
	vi.useRealTimers();
	vi.unstubAllGlobals();
});

describe('the outbox, while the browser is online', () => {
	it('retries a change after a 5xx with a growing backoff until it is taken', async () => {
		const outbox = new Outbox('u1', { random: () => 1 });
		answers = [reply(502), reply(503), reply(500), reply(200)];
		await outbox.submit(change('Called the NOC'));
		expect(calls).toHaveLength(1);
		expect(outbox.queued).toBe(1);

		await vi.advanceTimersByTimeAsync(999);
		expect(calls).toHaveLength(1);
		await vi.advanceTimersByTimeAsync(1); // 1 s after the first failure
		expect(calls).toHaveLength(2);
		await vi.advanceTimersByTimeAsync(1999);
		expect(calls).toHaveLength(2);
		await vi.advanceTimersByTimeAsync(1); // then 2 s
		expect(calls).toHaveLength(3);
		await vi.advanceTimersByTimeAsync(4000); // then 4 s, and it is taken
		expect(calls).toHaveLength(4);
		expect(outbox.queued).toBe(0);
		expect(storage.get('nightshift.outbox.u1')).toBe('[]');
		// The same change each time: one client mutation id, so the server applies it once.
		expect(new Set(calls.map((c) => c.body.clientMutationId)).size).toBe(1);
		await vi.advanceTimersByTimeAsync(120_000);
		expect(calls).toHaveLength(4);
	});

	it('waits what Retry-After says after a 429, in seconds or as a date', async () => {
		const outbox = new Outbox('u1', { random: () => 1 });
		// Two minutes after the second answer, which comes 30 s from now.
		const inTwoMinutes = new Date(Date.now() + 150_000).toUTCString();
		answers = [
			reply(429, {}, { 'retry-after': '30' }),
			reply(503, {}, { 'retry-after': inTwoMinutes }),
			reply(200)
		];
		await outbox.submit(change('Decided to fail over'));
		await vi.advanceTimersByTimeAsync(29_999);
		expect(calls).toHaveLength(1);
		await vi.advanceTimersByTimeAsync(1);
		expect(calls).toHaveLength(2);
		await vi.advanceTimersByTimeAsync(119_000);
		expect(calls).toHaveLength(2);
		await vi.advanceTimersByTimeAsync(1_000);
		expect(calls).toHaveLength(3);
		expect(outbox.queued).toBe(0);
	});

	it('keeps the order: nothing behind a change that waits is sent before it', async () => {
		const outbox = new Outbox('u1', { random: () => 1 });
		answers = [reply(503)];
		await outbox.submit(change('first'));
		expect(await outbox.submit(change('second'))).toBeNull();
		await settle();
		expect(calls.map((c) => c.body.text)).toEqual(['first']);
		expect(outbox.queued).toBe(2);
		await vi.advanceTimersByTimeAsync(1000);
		expect(calls.map((c) => c.body.text)).toEqual(['first', 'first', 'second']);
		expect(outbox.entries).toEqual([]);
	});

	it('retries when the server does not answer at all though the browser is online', async () => {
		const outbox = new Outbox('u1', { random: () => 0 });
		answers = [new TypeError('Failed to fetch'), reply(200)];
		await outbox.submit(change('Rebooted web03'));
		await vi.advanceTimersByTimeAsync(500); // half the first step, with this jitter
		expect(calls).toHaveLength(2);
		expect(outbox.queued).toBe(0);
	});

	it('keeps a refused change with its reason and does not retry it', async () => {
		const outbox = new Outbox('u1');
		answers = [reply(409, { error: { message: 'This step was finished meanwhile.' } })];
		expect(await outbox.submit(change('Start web04'))).toBe('This step was finished meanwhile.');
		await vi.advanceTimersByTimeAsync(600_000);
		expect(calls).toHaveLength(1);
		expect(outbox.entries).toMatchObject([
			{ state: 'refused', error: 'This step was finished meanwhile.' }
		]);
	});

	it('words a refusal that gives no reason with its status, not a raw body', async () => {
		const outbox = new Outbox('u1');
		answers = [new Response('<html>Bad gateway config</html>', { status: 413 })];
		expect(await outbox.submit(change('Attach a huge log'))).toBe(
			'The server refused this change (error 413).'
		);
		expect(outbox.entries).toMatchObject([{ state: 'refused' }]);
	});
});

describe('the outbox, offline', () => {
	it('waits for the window to be online again, then sends at once', async () => {
		const outbox = new Outbox('u1');
		fakeNavigator.onLine = false;
		answers = [new TypeError('Failed to fetch')];
		await outbox.submit(change('Typed in the train'));
		await vi.advanceTimersByTimeAsync(600_000);
		expect(calls).toHaveLength(1);
		expect(outbox.queued).toBe(1);

		fakeNavigator.onLine = true;
		fakeWindow.dispatchEvent(new Event('online'));
		await settle();
		expect(calls).toHaveLength(2);
		expect(outbox.queued).toBe(0);
	});

	it('brings a waiting retry forward when the link comes back', async () => {
		const outbox = new Outbox('u1', { random: () => 1 });
		answers = [reply(503, {}, { 'retry-after': '300' })];
		await outbox.submit(change('Opened port 443'));
		fakeWindow.dispatchEvent(new Event('online'));
		await settle();
		expect(calls).toHaveLength(2);
		await vi.advanceTimersByTimeAsync(300_000);
		expect(calls).toHaveLength(2);
	});
});

describe('an expired session', () => {
	it('queued changes survive an expired session and are sent after signing in again', async () => {
		const before = new Outbox('u1');
		answers = [reply(401, { error: { message: 'Sign in again.' } })];
		await before.submit(change('Restored db01'));
		expect(before.needsSignIn).toBe(true);
		expect(before.queued).toBe(1);
		// Nothing is retried behind the person's back while they are signed out.
		await vi.advanceTimersByTimeAsync(600_000);
		expect(calls).toHaveLength(1);

		// Signing in again loads the app afresh: a new outbox, from what the browser kept.
		const after = new Outbox('u1');
		expect(after.entries.map((e) => e.label)).toEqual(['Restored db01']);
		await after.flush();
		expect(calls).toHaveLength(2);
		expect(calls[1]?.body).toEqual(calls[0]?.body);
		expect(after.entries).toEqual([]);
		expect(after.needsSignIn).toBe(false);
		// Another person's outbox on this browser never sees it.
		expect(new Outbox('u2').entries).toEqual([]);
	});
});

describe('retry timing', () => {
	it('reads Retry-After as seconds or an HTTP date, else nothing', () => {
		const now = Date.parse('2026-12-01T22:00:00Z');
		expect(parseRetryAfter('120', now)).toBe(120_000);
		expect(parseRetryAfter('Tue, 01 Dec 2026 22:01:00 GMT', now)).toBe(60_000);
		expect(parseRetryAfter('Tue, 01 Dec 2026 21:00:00 GMT', now)).toBe(0);
		expect(parseRetryAfter('soon', now)).toBeNull();
		expect(parseRetryAfter(null, now)).toBeNull();
	});

	it('doubles the backoff up to a cap, jittered between half and all of it', () => {
		expect([0, 1, 2, 3, 10].map((n) => retryDelay(n, null, () => 1))).toEqual([
			1000, 2000, 4000, 8000, 60_000
		]);
		expect(retryDelay(3, null, () => 0)).toBe(4000);
		expect(retryDelay(7, 5000, () => 0)).toBe(5000);
	});
});

describe('what the room shows of its own changes', () => {
	const note = (text: string): NewEntry => ({
		...change(text),
		preview: { kind: 'note', noteKind: 'note', text, occurredAt: null }
	});

	it('shows a queued change as pending, survives a reload, then as accepted until it settles', async () => {
		fakeNavigator.onLine = false;
		answers = [new Error('offline')];
		const outbox = new Outbox('u1');
		await outbox.submit(note('Restored db01'));
		expect(outbox.shown.map((c) => [c.preview.kind, c.confirmed])).toEqual([['note', false]]);
		const reloaded = new Outbox('u1');
		expect(reloaded.shown).toHaveLength(1);

		fakeNavigator.onLine = true;
		answers = [reply(201, { seq: 42 })];
		await reloaded.flush();
		expect(reloaded.shown.map((c) => [c.confirmed, c.seq])).toEqual([[true, 42]]);
		await vi.advanceTimersByTimeAsync(15_000);
		expect(reloaded.shown).toEqual([]);
	});

	it('shows nothing of a refused change: it is rolled back, and listed with the reason', async () => {
		answers = [reply(409, { error: { message: 'db01 changed meanwhile.' } })];
		const outbox = new Outbox('u1');
		await outbox.submit(note('Restored db01'));
		expect(outbox.shown).toEqual([]);
		expect(outbox.entries[0]?.error).toBe('db01 changed meanwhile.');
	});
});
