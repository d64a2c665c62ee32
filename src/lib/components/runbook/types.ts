import type { StepAction } from '$lib/runbooks/states';
import type { EarlierValues } from '$lib/components/earlier';

/**
 * One step command as the panel's forms send it: the same fields as the JSON API
 * (POST /api/v1/incidents/:id/steps/:stepId) and the `step` form action, plus the step id.
 */
export interface StepCommand {
	stepId: string;
	action: StepAction;
	version: number;
	reason?: string;
	assigneeId?: string | null;
	note?: string;
	/** A start or finish told at its true time (wall clock, converted when sent). */
	earlier?: EarlierValues;
}

export interface Assignable {
	id: string;
	name: string;
}

/** A refused command to show beside its step (a form action's failure fits: values.stepId). */
export interface StepFailure {
	message: string;
	values?: Record<string, string>;
}
