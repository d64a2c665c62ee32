/**
 * Markers that fall close together (a burst of events in one minute of a three-day axis) are
 * spread over lanes, so each one and its label stay readable: a marker takes the first lane
 * where it clears the last marker by `gap`; once every lane is taken, it goes on the lane that
 * frees up first, moved just far enough along it not to overlap (its tooltip keeps its time).
 */
export interface Placed {
	lane: number;
	x: number;
}

export function spreadLanes(xs: readonly number[], gap: number, maxLanes: number): Placed[] {
	const order = xs.map((x, i) => ({ x, i })).sort((a, b) => a.x - b.x || a.i - b.i);
	const ends: number[] = [];
	const placed: Placed[] = xs.map((x) => ({ lane: 0, x }));
	for (const { x, i } of order) {
		let lane = ends.findIndex((end) => x - end >= gap);
		if (lane === -1 && ends.length < maxLanes) lane = ends.length;
		if (lane === -1) lane = ends.indexOf(Math.min(...ends));
		const at = Math.max(x, (ends[lane] ?? -Infinity) + gap);
		ends[lane] = at;
		placed[i] = { lane, x: at };
	}
	return placed;
}

/** How many lanes the spread uses. */
export function laneCount(placed: readonly Placed[]): number {
	return placed.length === 0 ? 1 : Math.max(...placed.map((p) => p.lane)) + 1;
}
