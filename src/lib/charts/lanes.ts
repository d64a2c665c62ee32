/**
 * Markers that fall close together (a burst of events in one minute of a three-day axis) are
 * spread over lanes, so each one and its label stay readable: a marker takes the first lane
 * where it clears the last marker by `gap`, else, once every lane is taken, the lane whose last
 * marker is furthest behind.
 */
export function spreadLanes(xs: readonly number[], gap: number, maxLanes: number): number[] {
	const order = xs.map((x, i) => ({ x, i })).sort((a, b) => a.x - b.x || a.i - b.i);
	const ends: number[] = [];
	const lanes: number[] = new Array<number>(xs.length).fill(0);
	for (const { x, i } of order) {
		let lane = ends.findIndex((end) => x - end >= gap);
		if (lane === -1 && ends.length < maxLanes) lane = ends.length;
		if (lane === -1) lane = ends.indexOf(Math.min(...ends));
		ends[lane] = x;
		lanes[i] = lane;
	}
	return lanes;
}

/** How many lanes the spread uses. */
export function laneCount(lanes: readonly number[]): number {
	return lanes.length === 0 ? 1 : Math.max(...lanes) + 1;
}
