import { findCycle, unknownReferences } from './graph';
import type { TemplateBody, TemplateStep } from './types';

export type TemplateProblem =
	| { kind: 'duplicate_key'; key: string; titles: string[] }
	| { kind: 'unknown_dependency'; title: string; missing: string }
	| { kind: 'cycle'; titles: string[] };

export function templateSteps(body: TemplateBody): TemplateStep[] {
	return body.phases.flatMap((phase) => phase.steps);
}

/**
 * The first structural problem of a template's steps, or null: keys must be unique, every
 * dependency must name a step of the template, and no step may wait (even indirectly) for
 * itself. Problems name the steps by title so a person can find them.
 */
export function checkTemplate(body: TemplateBody): TemplateProblem | null {
	const steps = templateSteps(body);
	const byKey = new Map<string, TemplateStep[]>();
	for (const step of steps) byKey.set(step.key, [...(byKey.get(step.key) ?? []), step]);
	for (const [key, same] of byKey) {
		if (same.length > 1) return { kind: 'duplicate_key', key, titles: same.map((s) => s.title) };
	}
	const nodes = steps.map((s) => ({ id: s.key, dependsOn: s.dependsOn }));
	const [unknown] = unknownReferences(nodes);
	if (unknown) {
		return {
			kind: 'unknown_dependency',
			title: byKey.get(unknown.id)?.[0]?.title ?? unknown.id,
			missing: unknown.missing
		};
	}
	const cycle = findCycle(nodes);
	if (cycle)
		return { kind: 'cycle', titles: cycle.map((key) => byKey.get(key)?.[0]?.title ?? key) };
	return null;
}

/** An English sentence for a problem (the server's error message). */
export function describeProblem(problem: TemplateProblem): string {
	switch (problem.kind) {
		case 'duplicate_key':
			return `Two steps share the key "${problem.key}": ${problem.titles.map(quote).join(' and ')}.`;
		case 'unknown_dependency':
			return `${quote(problem.title)} depends on "${problem.missing}", which is not a step of this template.`;
		case 'cycle': {
			const loop = [...problem.titles, problem.titles[0] ?? ''].map(quote).join(' → ');
			return problem.titles.length === 1
				? `${quote(problem.titles[0] ?? '')} cannot depend on itself.`
				: `These steps depend on each other in a circle: ${loop}. Remove one of these dependencies.`;
		}
	}
}

function quote(title: string): string {
	return `“${title}”`;
}
