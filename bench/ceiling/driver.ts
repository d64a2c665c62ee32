/**
 * An open-loop, concurrent command driver: requests leave on a fixed schedule at the asked
 * rate whatever the answers' pace (up to `maxInFlight` at once; a request that would pass it
 * is counted as `backlog`, an error: the system is not keeping up). Half the commands are
 * step toggles (block / resume, each step with its own version, one request per step at a
 * time), half notes; a scenario says which incidents they go to.
 */
import type { CeilingStep } from './seed';

export interface Target {
	/** `nightshift`: the real API. `bare`: the bare socket.io server's `POST /command`. */
	system: 'nightshift' | 'bare';
	origin: string;
	/** Incidents the commands go to (for bare: "hot" when the first, else "other"). */
	incidentIds: string[];
	hotIncidentId: string;
	steps: CeilingStep[];
	tokens: string[];
}

export interface LevelResult {
	rate: number;
	seconds: number;
	sent: number;
	ok: number;
	errors: Record<string, number>;
	/** Successful commands per second over the level (queued answers included). */
	achieved: number;
	/** Round trip of each successful command, ms. */
	latencies: number[];
	/** The highest sequence number answered in the hot stream (bare only). */
	hotSeq: number;
}

interface StepSlot extends CeilingStep {
	version: number;
	state: 'in_progress' | 'blocked';
	busy: boolean;
}

export class CommandDriver {
	#target: Target;
	#slots: Map<string, StepSlot[]>;
	#turn = 0;
	#hotSeq = 0;

	constructor(target: Target) {
		this.#target = target;
		this.#slots = new Map();
		for (const step of target.steps) {
			if (!target.incidentIds.includes(step.incidentId)) continue;
			const slots = this.#slots.get(step.incidentId) ?? [];
			slots.push({ ...step, version: 1, state: 'in_progress', busy: false });
			this.#slots.set(step.incidentId, slots);
		}
	}

	/** Versions as the database has them (after an earlier scenario moved the steps). */
	resync(versions: Map<string, { version: number; state: string }>) {
		for (const slots of this.#slots.values()) {
			for (const slot of slots) {
				const now = versions.get(slot.stepId);
				if (now) {
					slot.version = now.version;
					slot.state = now.state === 'blocked' ? 'blocked' : 'in_progress';
				}
			}
		}
	}

	async level(rate: number, seconds: number, maxInFlight: number): Promise<LevelResult> {
		const result: LevelResult = {
			rate,
			seconds,
			sent: 0,
			ok: 0,
			errors: {},
			achieved: 0,
			latencies: [],
			hotSeq: 0
		};
		const total = Math.round(rate * seconds);
		const interval = 1000 / rate;
		const started = performance.now();
		const running = new Set<Promise<void>>();
		const fail = (reason: string) => (result.errors[reason] = (result.errors[reason] ?? 0) + 1);
		for (let i = 0; i < total; i++) {
			const wait = started + i * interval - performance.now();
			if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
			if (running.size >= maxInFlight) {
				fail('backlog');
				continue;
			}
			result.sent += 1;
			const sentAt = performance.now();
			const request = this.#command(i)
				.then((): void => {
					result.ok += 1;
					result.latencies.push(performance.now() - sentAt);
				})
				.catch((error: unknown): void => {
					fail(error instanceof Error ? error.message : String(error));
				})
				.finally(() => running.delete(request));
			running.add(request);
		}
		await Promise.all(running);
		result.achieved = result.ok / ((performance.now() - started) / 1000);
		result.hotSeq = this.#hotSeq;
		return result;
	}

	#command(i: number): Promise<void> {
		const incidentId =
			this.#target.incidentIds[i % this.#target.incidentIds.length] ?? this.#target.hotIncidentId;
		const token = this.#target.tokens[i % this.#target.tokens.length] ?? '';
		if (this.#target.system === 'bare') return this.#bare(incidentId);
		const slot = i % 2 === 0 ? this.#freeStep(incidentId) : null;
		return slot ? this.#toggle(slot, token) : this.#note(incidentId, token);
	}

	#freeStep(incidentId: string): StepSlot | null {
		const slots = this.#slots.get(incidentId) ?? [];
		for (let k = 0; k < slots.length; k++) {
			this.#turn = (this.#turn + 1) % slots.length;
			const slot = slots[this.#turn];
			if (slot && !slot.busy) return slot;
		}
		return null;
	}

	async #toggle(slot: StepSlot, token: string): Promise<void> {
		slot.busy = true;
		try {
			const body =
				slot.state === 'in_progress'
					? {
							action: 'block',
							version: slot.version,
							reason: 'Benchmark: waiting on the provider.'
						}
					: { action: 'resume', version: slot.version };
			const answer = await this.#post(
				`/api/v1/incidents/${slot.incidentId}/steps/${slot.stepId}`,
				token,
				body
			);
			const { version, state } = answer;
			if (typeof version !== 'number' || (state !== 'blocked' && state !== 'in_progress')) {
				throw new Error('unexpected step answer');
			}
			slot.version = version;
			slot.state = state;
		} finally {
			slot.busy = false;
		}
	}

	async #note(incidentId: string, token: string): Promise<void> {
		await this.#post(`/api/v1/incidents/${incidentId}/notes`, token, {
			text: 'Benchmark: the load balancer still answers 502 on /checkout.',
			kind: 'note'
		});
	}

	async #bare(incidentId: string): Promise<void> {
		const room = incidentId === this.#target.hotIncidentId ? 'hot' : 'other';
		const { seq } = await this.#post('/command', '', { room });
		if (room === 'hot' && typeof seq === 'number') this.#hotSeq = Math.max(this.#hotSeq, seq);
	}

	async #post(path: string, token: string, body: object): Promise<Record<string, unknown>> {
		const origin = this.#target.origin;
		const response = await fetch(`${origin}${path}`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				accept: 'application/json',
				origin,
				cookie: `nightshift_session=${token}`
			},
			body: JSON.stringify(body)
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`HTTP ${response.status}`);
		const answer: unknown = JSON.parse(text);
		return typeof answer === 'object' && answer !== null ? { ...answer } : {};
	}
}
