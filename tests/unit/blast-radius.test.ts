import { describe, expect, it } from 'vitest';
import { blastRadius, cycleThrough, findCycles, adjacency } from '../../src/lib/inventory/graph';

// The demo cluster: the front ends depend on the database and the indexer, the balancer on them.
const CLUSTER = [
	{ from: 'web01', to: 'db01' },
	{ from: 'web02', to: 'db01' },
	{ from: 'web01', to: 'idx01' },
	{ from: 'lb01', to: 'web01' },
	{ from: 'lb01', to: 'web02' },
	{ from: 'shop', to: 'lb01' }
];

describe('blast radius', () => {
	it('lists everything that depends on an item, transitively, nearest first', () => {
		expect(blastRadius('db01', CLUSTER)).toEqual([
			{ id: 'web01', depth: 1, via: 'db01' },
			{ id: 'web02', depth: 1, via: 'db01' },
			{ id: 'lb01', depth: 2, via: 'web01' },
			{ id: 'shop', depth: 3, via: 'lb01' }
		]);
	});

	it('lists each dependent once, at its shortest distance', () => {
		const ids = blastRadius('db01', CLUSTER).map((d) => d.id);
		expect(ids.filter((id) => id === 'lb01')).toHaveLength(1);
	});

	it('is empty for an item nothing depends on', () => {
		expect(blastRadius('shop', CLUSTER)).toEqual([]);
	});

	it('terminates on a cycle and never lists the item itself', () => {
		const cyclic = [
			{ from: 'a', to: 'b' },
			{ from: 'b', to: 'c' },
			{ from: 'c', to: 'a' }
		];
		expect(blastRadius('a', cyclic).map((d) => d.id)).toEqual(['c', 'b']);
	});
});

describe('cycles', () => {
	it('finds a cycle as a closed path', () => {
		const graph = adjacency([
			{ from: 'a', to: 'b' },
			{ from: 'b', to: 'c' },
			{ from: 'c', to: 'a' },
			{ from: 'c', to: 'd' }
		]);
		expect(findCycles(graph)).toEqual([['a', 'b', 'c', 'a']]);
	});

	it('finds none in the cluster', () => {
		expect(findCycles(adjacency(CLUSTER))).toEqual([]);
	});

	it('names the cycle a new dependency would close', () => {
		expect(cycleThrough('db01', ['lb01'], CLUSTER)).toEqual(['db01', 'lb01', 'web01', 'db01']);
		expect(cycleThrough('db01', ['idx01'], CLUSTER)).toBeNull();
		expect(cycleThrough('web01', ['web01'], CLUSTER)).toEqual(['web01', 'web01']);
	});

	it('ignores the dependencies being replaced', () => {
		// web01 drops db01 and takes idx01: the old edge must not count.
		expect(cycleThrough('web01', ['idx01'], CLUSTER)).toBeNull();
	});

	it('walks a 5,000-item chain without overflowing the stack', () => {
		const chain = Array.from({ length: 5000 }, (_, i) => ({ from: `n${i}`, to: `n${i + 1}` }));
		expect(findCycles(adjacency([...chain, { from: 'n5000', to: 'n0' }]))).toHaveLength(1);
		expect(blastRadius('n5000', chain.slice(0, -1))).toHaveLength(0);
		expect(blastRadius('n4999', chain)).toHaveLength(4999);
	});
});
