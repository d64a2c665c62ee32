import type { StepPlace, StepWork, TemplateBody, TemplateStep } from './types';

/** The placeholder an expanded step's title and instructions carry for the server's hostname. */
export const SERVER_PLACEHOLDER = '{server}';

export interface InventoryItemRef {
	id: string;
	hostname: string;
	tags: readonly string[];
}

/** A run step before it has an id: `ref` is unique within the run and what `dependsOn` names. */
export interface ExpandedStep extends StepWork, StepPlace {
	ref: string;
}

export interface Expansion {
	steps: ExpandedStep[];
	/** Expanded steps whose tag no inventory item carries: they would vanish from the run. */
	unmatched: { title: string; tag: string }[];
}

/**
 * Turns a template version into run steps. A step with `expandTag` becomes one step per item
 * carrying that tag (by hostname), `{server}` replaced by the hostname. A dependency between
 * two expanded steps maps server to server when the depended-on step has an instance for the
 * same item, else it waits for all instances; a plain step waits for all instances of an
 * expanded one, and every instance of an expanded step waits for a plain one.
 */
export function expandTemplate(body: TemplateBody, items: readonly InventoryItemRef[]): Expansion {
	const sorted = [...items].sort((a, b) => a.hostname.localeCompare(b.hostname));
	const serversOf = new Map<string, InventoryItemRef[]>();
	const unmatched: Expansion['unmatched'] = [];
	for (const step of body.phases.flatMap((p) => p.steps)) {
		if (step.expandTag === null) continue;
		const tag = step.expandTag;
		const servers = sorted.filter((item) => item.tags.includes(tag));
		if (servers.length === 0) unmatched.push({ title: step.title, tag });
		serversOf.set(step.key, servers);
	}

	const refsOf = (key: string, server: InventoryItemRef | null): string[] => {
		const servers = serversOf.get(key);
		if (!servers) return [key];
		const same = server && servers.find((s) => s.id === server.id);
		return same ? [instanceRef(key, same)] : servers.map((s) => instanceRef(key, s));
	};

	const steps: ExpandedStep[] = [];
	for (const phase of body.phases) {
		for (const step of phase.steps) {
			const servers = serversOf.get(step.key) ?? [null];
			for (const server of servers) {
				steps.push(instantiate(step, phase.title, steps.length + 1, server, refsOf));
			}
		}
	}
	return { steps, unmatched };
}

function instanceRef(key: string, server: InventoryItemRef): string {
	return `${key}@${server.id}`;
}

function instantiate(
	step: TemplateStep,
	phase: string,
	position: number,
	server: InventoryItemRef | null,
	refsOf: (key: string, server: InventoryItemRef | null) => string[]
): ExpandedStep {
	const fill = (text: string) =>
		server ? text.replaceAll(SERVER_PLACEHOLDER, server.hostname) : text;
	return {
		ref: server ? instanceRef(step.key, server) : step.key,
		phase,
		position,
		key: step.key,
		serverItemId: server?.id ?? null,
		serverHostname: server?.hostname ?? null,
		title: fill(step.title),
		instructions: fill(step.instructions),
		ownerSide: step.ownerSide,
		role: step.role,
		plannedMinutes: step.plannedMinutes,
		dependsOn: [...new Set(step.dependsOn.flatMap((key) => refsOf(key, server)))],
		itemIds: [...step.itemIds],
		requiresApproval: step.requiresApproval
	};
}
