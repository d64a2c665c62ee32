/** Latency summaries: exact percentiles over every delivered event (nearest rank). */

export interface LatencySummary {
	count: number;
	p50: number;
	p95: number;
	p99: number;
	max: number;
}

export function summarize(samples: ArrayLike<number>[]): LatencySummary {
	let total = 0;
	for (const part of samples) total += part.length;
	const all = new Float64Array(total);
	let offset = 0;
	for (const part of samples) {
		all.set(part, offset);
		offset += part.length;
	}
	all.sort();
	return {
		count: total,
		p50: percentile(all, 0.5),
		p95: percentile(all, 0.95),
		p99: percentile(all, 0.99),
		max: total > 0 ? (all[total - 1] ?? Number.NaN) : Number.NaN
	};
}

/** `sorted` must be ascending; NaN when empty. */
export function percentile(sorted: ArrayLike<number>, fraction: number): number {
	if (sorted.length === 0) return Number.NaN;
	const rank = Math.min(sorted.length, Math.max(1, Math.ceil(fraction * sorted.length)));
	return sorted[rank - 1] ?? Number.NaN;
}

export function ratio(ours: number | null, bare: number | null): number | null {
	if (ours === null || bare === null || !Number.isFinite(ours) || !Number.isFinite(bare)) {
		return null;
	}
	return bare === 0 ? null : ours / bare;
}
