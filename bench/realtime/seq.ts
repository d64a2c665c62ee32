/**
 * Checks one client's stream against its sequence numbers: each number after the one the
 * join reported must arrive once, in order. Lost ones are the numbers never seen.
 */
export class SeqTracker {
	#base = 0;
	#highest = 0;
	readonly #seen = new Set<number>();
	duplicated = 0;
	outOfOrder = 0;

	/** The stream's latest sequence number when the client joined. */
	start(latestSeq: number): void {
		this.#base = latestSeq;
		this.#highest = latestSeq;
	}

	/** Returns whether this is a first delivery (the one whose latency counts). */
	receive(seq: number): boolean {
		// At or below the join's number: the client already had it from its snapshot.
		if (seq <= this.#base || this.#seen.has(seq)) {
			this.duplicated += 1;
			return false;
		}
		if (seq < this.#highest) this.outOfOrder += 1;
		this.#seen.add(seq);
		this.#highest = Math.max(this.#highest, seq);
		return true;
	}

	get highest(): number {
		return this.#highest;
	}

	/** Distinct events received up to `lastSeq`. */
	delivered(lastSeq: number): number {
		let count = 0;
		for (const seq of this.#seen) if (seq <= lastSeq) count += 1;
		return count;
	}

	expected(lastSeq: number): number {
		return Math.max(0, lastSeq - this.#base);
	}

	lost(lastSeq: number): number {
		return this.expected(lastSeq) - this.delivered(lastSeq);
	}
}
