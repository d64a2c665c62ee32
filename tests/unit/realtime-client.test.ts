import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveRoom } from '../../src/lib/realtime/client.svelte';
import type { StreamEvent } from '../../src/lib/realtime/protocol';

/**
 * The live room's catch-up against a fake fetch: events are fetched after a gap, a failed
 * fetch (no network, 5xx, 429) is retried with a backoff or after Retry-After, never an
 * unhandled rejection, and events are applied once, in order.
 */
type Answer = Response | Error;
let answers: Answer[] = [];
const asked: string[] = [];

function event(seq: number): StreamEvent {
	return {
		seq,
		streamId: 'incident-1',
		streamKind: 'incident',
		kind: 'timeline.note',
		occurredAt: '2026-11-21T20:00:00.000Z',
		recordedAt: '2026-11-21T20:00:00.000Z',
		actorId: null,
		actorName: null,
		source: 'manual',
		payload: { text: `note ${seq}`, backdated: false, backdateReason: null }
	};
}

const page = (from: number, to: number, latestSeq = to) =>
	new Response(
		JSON.stringify({
			events: Array.from({ length: to - from + 1 }, (_, i) => event(from + i)),
			latestSeq
		}),
		{ headers: { 'content-type': 'application/json' } }
	);
const failure = (status: number, headers: Record<string, string> = {}) =>
	new Response('{}', { status, headers });

beforeEach(() => {
	vi.useFakeTimers();
	answers = [];
	asked.length = 0;
	vi.stubGlobal(
		'fetch',
		vi.fn(async (url: string) => {
			asked.push(url);
			const answer = answers.shift() ?? page(1, 0, 0);
			if (answer instanceof Error) throw answer;
			return answer;
		})
	);
});

afterEach(() => {
	vi.useRealTimers();
	vi.unstubAllGlobals();
});

function room(lastSeq = 0) {
	const applied: number[] = [];
	const live = new LiveRoom({ kind: 'incident', id: 'incident-1' }, lastSeq, (e) =>
		applied.push(e.seq)
	);
	return { live, applied };
}

describe('the live room', () => {
	it('applies events in order and fetches a gap after a short grace', async () => {
		const { live, applied } = room(0);
		live.receive(event(1));
		live.receive(event(3));
		expect(applied).toEqual([1]);
		answers = [page(2, 3)];
		await vi.advanceTimersByTimeAsync(1500);
		expect(asked).toEqual(['/api/v1/streams/incident-1/events?after=1']);
		expect(applied).toEqual([1, 2, 3]);
		expect(live.lastSeq).toBe(3);
	});

	it('retries a failed resync with a growing backoff until it succeeds', async () => {
		const { live, applied } = room(4);
		answers = [new TypeError('Failed to fetch'), failure(502), failure(503), page(5, 6)];
		await expect(live.catchUp()).resolves.toBeUndefined();
		expect(asked).toHaveLength(1);
		await vi.advanceTimersByTimeAsync(999);
		expect(asked).toHaveLength(1);
		await vi.advanceTimersByTimeAsync(1); // 1 s
		expect(asked).toHaveLength(2);
		await vi.advanceTimersByTimeAsync(2000); // then 2 s
		expect(asked).toHaveLength(3);
		await vi.advanceTimersByTimeAsync(4000); // then 4 s: caught up
		expect(asked).toHaveLength(4);
		expect(applied).toEqual([5, 6]);
		await vi.advanceTimersByTimeAsync(120_000);
		expect(asked).toHaveLength(4);
	});

	it("waits the server's Retry-After after a 429", async () => {
		const { live, applied } = room(0);
		answers = [failure(429, { 'retry-after': '20' }), page(1, 2)];
		await live.catchUp();
		await vi.advanceTimersByTimeAsync(19_999);
		expect(asked).toHaveLength(1);
		await vi.advanceTimersByTimeAsync(1);
		expect(applied).toEqual([1, 2]);
	});

	it('a new catch-up (a rejoin) goes at once instead of waiting for the retry', async () => {
		const { live, applied } = room(0);
		answers = [failure(500), page(1, 1)];
		await live.catchUp();
		live.joined(1);
		await live.catchUp();
		expect(asked).toHaveLength(2);
		expect(applied).toEqual([1]);
		await vi.advanceTimersByTimeAsync(60_000);
		expect(asked).toHaveLength(2);
	});

	it('does not retry a refusal, nor once the page stops following the room', async () => {
		const refused = room(0);
		answers = [failure(403)];
		await refused.live.catchUp();
		await vi.advanceTimersByTimeAsync(120_000);
		expect(asked).toHaveLength(1);

		const left = room(0);
		answers = [failure(503)];
		await left.live.catchUp();
		left.live.stop();
		await vi.advanceTimersByTimeAsync(120_000);
		expect(asked).toHaveLength(2);
	});
});
