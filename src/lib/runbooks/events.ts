import type { EventKind, StreamEvent } from '$lib/events/payloads';
import type { StepAction } from './states';
import type { Run, RunStep, StepApproval, StepHold, StepNote, StepState } from './types';

/** The payload of every `step.*` event: enough for a browser to patch its copy of the run. */
export interface StepEventPayload {
	runId: string;
	stepId: string;
	title: string;
	action: StepAction;
	from: StepState;
	to: StepState;
	reason: string | null;
	/** The step's version after the change. */
	version: number;
	assigneeId: string | null;
	assigneeName: string | null;
	startedAt: string | null;
	endedAt: string | null;
	note: StepNote | null;
	/** Who holds the step after the change (set by a block, null otherwise). */
	hold?: StepHold | null;
	/** Set when someone acted on a step another person had put on hold. */
	overrodeHold?: StepHold & { reason: string | null };
	/** Dependents promoted from pending to ready by this change (their version went up by 1). */
	readied: string[];
	/** Ready dependents sent back to pending because this step was reopened (version + 1). */
	unreadied: string[];
	/** Set by approval actions only: the step's approval after the change. */
	approval?: StepApproval | null;
	/** The run's start, moved back by a step started before it (told at its true time). */
	runStartedAt?: string;
	/** Why the start or finish was recorded later than it happened (issue 11). */
	backdateReason?: string | null;
}

export const RUN_STARTED = 'run.started' satisfies EventKind;

/** Whether an event changes the run in a way only a fresh read can show (a new run). */
export function needsRunReload(event: Pick<StreamEvent, 'kind'>): boolean {
	return event.kind === RUN_STARTED;
}

/** The kinds a step action appends: every one carries a `StepEventPayload`. */
export type StepEventKind = Extract<EventKind, `step.${string}`>;

/**
 * Applies a `step.*` event to a run held in memory and returns the new run (the same object
 * when the event is not about this run, or was already applied: its version is not newer).
 * Pure, so the browser can follow live events without refetching.
 */
export function applyStepEvent(run: Run, event: StreamEvent): Run {
	if (!isStepEvent(event)) return run;
	const change = event.payload;
	if (change.runId !== run.id) return run;
	const target = run.steps.find((s) => s.id === change.stepId);
	if (!target || target.version >= change.version) return run;
	const meta = { updatedAt: event.occurredAt, updatedByName: event.actorName };
	const steps = run.steps.map((step): RunStep => {
		if (step.id === change.stepId) return { ...patch(step, change), ...meta };
		if (change.readied.includes(step.id)) return promote(step, 'ready', meta);
		if (change.unreadied.includes(step.id)) return promote(step, 'pending', meta);
		return step;
	});
	return { ...run, ...(change.runStartedAt ? { startedAt: change.runStartedAt } : {}), steps };
}

function patch(step: RunStep, change: StepEventPayload): RunStep {
	return {
		...step,
		state: change.to,
		version: change.version,
		assigneeId: change.assigneeId,
		assigneeName: change.assigneeName,
		startedAt: change.startedAt,
		endedAt: change.endedAt,
		blockedReason: change.to === 'blocked' ? change.reason : null,
		hold: change.to === 'blocked' ? (change.hold ?? step.hold) : null,
		skipReason: change.to === 'skipped' ? change.reason : step.skipReason,
		notes: change.note ? [...step.notes, change.note] : step.notes,
		approval: change.approval === undefined ? step.approval : change.approval
	};
}

function promote(
	step: RunStep,
	state: 'ready' | 'pending',
	meta: Pick<RunStep, 'updatedAt' | 'updatedByName'>
): RunStep {
	return { ...step, state, version: step.version + 1, ...meta };
}

function isStepEvent(event: StreamEvent): event is StreamEvent<StepEventKind> {
	return event.kind.startsWith('step.');
}
