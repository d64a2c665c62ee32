/** Dependency graphs of steps: cycles, unknown references and the longest (critical) path. */

export interface GraphNode {
	id: string;
	dependsOn: readonly string[];
}

/**
 * One cycle among the nodes, as the ids along it in dependency order (the first is not
 * repeated), or null when the graph is acyclic. Depth-first search with three colours.
 */
export function findCycle(nodes: readonly GraphNode[]): string[] | null {
	const byId = new Map(nodes.map((n) => [n.id, n]));
	const colour = new Map<string, 'grey' | 'black'>();
	const trail: string[] = [];

	const visit = (id: string): string[] | null => {
		colour.set(id, 'grey');
		trail.push(id);
		for (const next of byId.get(id)?.dependsOn ?? []) {
			if (!byId.has(next)) continue;
			const seen = colour.get(next);
			if (seen === 'grey') return trail.slice(trail.indexOf(next));
			if (seen === undefined) {
				const found = visit(next);
				if (found) return found;
			}
		}
		trail.pop();
		colour.set(id, 'black');
		return null;
	};

	for (const node of nodes) {
		if (colour.has(node.id)) continue;
		const found = visit(node.id);
		if (found) return found;
	}
	return null;
}

/** References to ids that are not nodes of the graph. */
export function unknownReferences(nodes: readonly GraphNode[]): { id: string; missing: string }[] {
	const ids = new Set(nodes.map((n) => n.id));
	return nodes.flatMap((n) =>
		n.dependsOn.filter((d) => !ids.has(d)).map((missing) => ({ id: n.id, missing }))
	);
}

/** Nodes ordered so each comes after everything it depends on (Kahn); throws on a cycle. */
export function topologicalOrder<T extends GraphNode>(nodes: readonly T[]): T[] {
	const byId = new Map(nodes.map((n) => [n.id, n]));
	const waiting = new Map(nodes.map((n) => [n.id, n.dependsOn.filter((d) => byId.has(d)).length]));
	const dependents = new Map<string, string[]>();
	for (const n of nodes) {
		for (const d of n.dependsOn)
			if (byId.has(d)) dependents.set(d, [...(dependents.get(d) ?? []), n.id]);
	}
	const queue = nodes.filter((n) => waiting.get(n.id) === 0);
	const order: T[] = [];
	for (let node = queue.shift(); node; node = queue.shift()) {
		order.push(node);
		for (const next of dependents.get(node.id) ?? []) {
			const left = (waiting.get(next) ?? 0) - 1;
			waiting.set(next, left);
			const nextNode = byId.get(next);
			if (left === 0 && nextNode) queue.push(nextNode);
		}
	}
	if (order.length !== nodes.length) throw new Error('dependency cycle: no topological order');
	return order;
}

export interface WeightedNode extends GraphNode {
	weight: number;
}

export interface LongestPath {
	/** Sum of the weights along the path. */
	length: number;
	/** Ids along the path, first dependency first. */
	path: string[];
	/** For every node, the earliest it can finish (sum of weights of its longest chain). */
	finish: Map<string, number>;
}

/** The longest path by weight through an acyclic graph: the critical path. */
export function longestPath(nodes: readonly WeightedNode[]): LongestPath {
	const finish = new Map<string, number>();
	const via = new Map<string, string | null>();
	for (const node of topologicalOrder(nodes)) {
		let start = 0;
		let before: string | null = null;
		for (const dep of node.dependsOn) {
			const end = finish.get(dep);
			// Ties keep the first dependency, and a zero-length one (a late step) still counts.
			if (end !== undefined && (before === null || end > start)) [start, before] = [end, dep];
		}
		finish.set(node.id, start + node.weight);
		via.set(node.id, before);
	}
	let last: string | null = null;
	let length = 0;
	for (const node of nodes) {
		const end = finish.get(node.id) ?? 0;
		if (last === null || end > length) [last, length] = [node.id, end];
	}
	const path: string[] = [];
	for (let id = last; id !== null; id = via.get(id) ?? null) path.unshift(id);
	return { length, path, finish };
}
