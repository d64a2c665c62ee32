/**
 * The dependency graph between inventory items. An edge `{ from, to }` reads "from depends on
 * to": when `to` is down, `from` is in its blast radius. Nodes are opaque strings (ids, or
 * lower-cased hostnames during an import). Every walk keeps a visited set, so a cycle that
 * slipped into the data never loops forever.
 */

export interface Edge {
	from: string;
	to: string;
}

export interface Dependent {
	id: string;
	/** 1 for a direct dependent, 2 for a dependent of a dependent, … (shortest chain). */
	depth: number;
	/** The item it depends on along that shortest chain. */
	via: string;
}

/** Everything that depends on `root`, directly or transitively, nearest first. */
export function blastRadius(root: string, edges: readonly Edge[]): Dependent[] {
	const dependents = new Map<string, string[]>();
	for (const { from, to } of edges) {
		const list = dependents.get(to) ?? [];
		list.push(from);
		dependents.set(to, list);
	}
	const seen = new Set([root]);
	const found: Dependent[] = [];
	let frontier = [root];
	for (let depth = 1; frontier.length > 0; depth += 1) {
		const next: string[] = [];
		for (const via of frontier) {
			for (const id of dependents.get(via) ?? []) {
				if (seen.has(id)) continue;
				seen.add(id);
				found.push({ id, depth, via });
				next.push(id);
			}
		}
		frontier = next;
	}
	return found;
}

/** Adjacency ("depends on") lists from edges. */
export function adjacency(edges: readonly Edge[]): Map<string, string[]> {
	const out = new Map<string, string[]>();
	for (const { from, to } of edges) {
		const list = out.get(from) ?? [];
		list.push(to);
		out.set(from, list);
	}
	return out;
}

/**
 * The cycles in a graph, each as a closed path [a, b, …, a], each set of nodes once. Iterative
 * depth-first search: a 5,000-item import must not overflow the call stack.
 */
export function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
	const state = new Map<string, 'open' | 'done'>();
	const cycles: string[][] = [];
	const reported = new Set<string>();
	for (const start of graph.keys()) {
		if (state.has(start)) continue;
		const path: string[] = [];
		const stack: { node: string; next: number }[] = [{ node: start, next: 0 }];
		state.set(start, 'open');
		path.push(start);
		while (stack.length > 0) {
			const top = stack[stack.length - 1];
			if (!top) break;
			const targets = graph.get(top.node) ?? [];
			const target = targets[top.next];
			top.next += 1;
			if (target === undefined) {
				state.set(top.node, 'done');
				stack.pop();
				path.pop();
			} else if (state.get(target) === 'open') {
				const cycle = [...path.slice(path.indexOf(target)), target];
				const key = [...new Set(cycle)].sort().join('\u0000');
				if (!reported.has(key)) {
					reported.add(key);
					cycles.push(cycle);
				}
			} else if (!state.has(target)) {
				state.set(target, 'open');
				path.push(target);
				stack.push({ node: target, next: 0 });
			}
		}
	}
	return cycles;
}

/**
 * The cycle that giving `item` the dependencies `dependsOn` would close, or null: a chain of
 * dependencies leading from one of them back to `item`, shortest first.
 */
export function cycleThrough(
	item: string,
	dependsOn: readonly string[],
	edges: readonly Edge[]
): string[] | null {
	const graph = adjacency(edges.filter((edge) => edge.from !== item));
	const previous = new Map<string, string>();
	const queue = dependsOn.filter((node) => {
		if (previous.has(node)) return false;
		previous.set(node, item);
		return true;
	});
	for (let index = 0; index < queue.length; index += 1) {
		const node = queue[index];
		if (node === undefined) break;
		if (node === item) return chainBack(previous, item);
		for (const next of graph.get(node) ?? []) {
			if (previous.has(next)) continue;
			previous.set(next, node);
			queue.push(next);
		}
	}
	return null;
}

function chainBack(previous: ReadonlyMap<string, string>, item: string): string[] {
	const chain = [item];
	let node = previous.get(item);
	while (node !== undefined && node !== item) {
		chain.unshift(node);
		node = previous.get(node);
	}
	chain.unshift(item);
	return chain;
}
