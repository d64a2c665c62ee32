import { m } from '$lib/paraglide/messages';
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

/** A problem in words, in the reader's language (the server's error message). */
export function describeProblem(problem: TemplateProblem): string {
	switch (problem.kind) {
		case 'duplicate_key':
			return m.err_template_duplicate_key({
				key: problem.key,
				titles: problem.titles.map(quote).join(m.err_template_and())
			});
		case 'unknown_dependency':
			return m.err_template_unknown_dependency({
				title: quote(problem.title),
				missing: problem.missing
			});
		case 'cycle': {
			const loop = [...problem.titles, problem.titles[0] ?? ''].map(quote).join(' → ');
			return problem.titles.length === 1
				? m.err_template_self_dependency({ title: quote(problem.titles[0] ?? '') })
				: m.err_template_cycle({ loop });
		}
	}
}

function quote(title: string): string {
	return `“${title}”`;
}
