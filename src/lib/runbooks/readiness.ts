import { isFinished } from './states';
import type { StepState } from './types';

export interface DependentStep {
	id: string;
	state: StepState;
	dependsOn: string[];
}

/** The dependencies of a step that are neither done nor skipped yet. */
export function unmetDependencies<T extends DependentStep>(step: T, steps: readonly T[]): T[] {
	const byId = new Map(steps.map((s) => [s.id, s]));
	return step.dependsOn
		.map((id) => byId.get(id))
		.filter((dep): dep is T => dep !== undefined && !isFinished(dep.state));
}

/** Pending steps every dependency of which is done or skipped: they become ready. */
export function stepsToPromote<T extends DependentStep>(steps: readonly T[]): T[] {
	return steps.filter((s) => s.state === 'pending' && unmetDependencies(s, steps).length === 0);
}

/** Ready steps that wait again for a dependency (one was reopened): they go back to pending. */
export function stepsToDemote<T extends DependentStep>(steps: readonly T[]): T[] {
	return steps.filter((s) => s.state === 'ready' && unmetDependencies(s, steps).length > 0);
}

/** The state a freshly created step starts in: ready when it waits for nothing. */
export function initialState(dependsOn: readonly string[]): 'ready' | 'pending' {
	return dependsOn.length === 0 ? 'ready' : 'pending';
}
