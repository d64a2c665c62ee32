import type { EventKind } from '$lib/events/payloads';
import type { StepState } from './types';

/** What a person can do to a step. `assign` and `note` change no state. */
export const STEP_ACTIONS = [
	'start',
	'complete',
	'fail',
	'block',
	'resume',
	'retry',
	'skip',
	'reopen',
	'assign',
	'note',
	'request_approval',
	'approve',
	'refuse'
] as const;
export type StepAction = (typeof STEP_ACTIONS)[number];

/** Approvals change no state either: they decide whether `start` is allowed (see approvals.ts). */
export type ApprovalAction = 'request_approval' | 'approve' | 'refuse';

export type TransitionAction = Exclude<StepAction, 'assign' | 'note' | ApprovalAction>;

interface Transition {
	from: readonly StepState[];
	to: StepState;
	/** Blocking, skipping and reopening must say why: the post-mortem reads it. */
	needsReason: boolean;
}

/**
 * The step state machine (DESIGN.md §2). pending → ready happens by itself when every
 * dependency is done or skipped, so no person's action leads there.
 */
export const TRANSITIONS: Record<TransitionAction, Transition> = {
	start: { from: ['ready'], to: 'in_progress', needsReason: false },
	complete: { from: ['in_progress'], to: 'done', needsReason: false },
	fail: { from: ['in_progress'], to: 'failed', needsReason: false },
	block: { from: ['in_progress'], to: 'blocked', needsReason: true },
	resume: { from: ['blocked'], to: 'in_progress', needsReason: false },
	retry: { from: ['failed'], to: 'in_progress', needsReason: false },
	skip: { from: ['pending', 'ready'], to: 'skipped', needsReason: true },
	reopen: { from: ['done'], to: 'in_progress', needsReason: true }
};

/** The permission (from the server's one permission table) each action needs. */
export function stepPermission(action: StepAction): 'step.work' | 'step.reopen' | 'step.approve' {
	if (action === 'approve' || action === 'refuse') return 'step.approve';
	return action === 'reopen' ? 'step.reopen' : 'step.work';
}

/** The timeline event kind each action appends. */
export const STEP_EVENT_KINDS = {
	start: 'step.started',
	complete: 'step.done',
	fail: 'step.failed',
	block: 'step.blocked',
	resume: 'step.resumed',
	retry: 'step.retried',
	skip: 'step.skipped',
	reopen: 'step.reopened',
	assign: 'step.assigned',
	note: 'step.noted',
	request_approval: 'step.approval_requested',
	approve: 'step.approved',
	refuse: 'step.approval_refused'
} as const satisfies Record<StepAction, EventKind>;

export function isTransition(action: StepAction): action is TransitionAction {
	return action in TRANSITIONS;
}

export function isApprovalAction(action: StepAction): action is ApprovalAction {
	return action === 'request_approval' || action === 'approve' || action === 'refuse';
}

/** The state an action leads to from `state`, or null when the machine does not allow it. */
export function nextState(state: StepState, action: TransitionAction): StepState | null {
	const transition = TRANSITIONS[action];
	return transition.from.includes(state) ? transition.to : null;
}

export interface StepPermissions {
	/** May work steps (responders and above). */
	work: boolean;
	/** May reopen a finished step (admins and above). */
	reopen: boolean;
}

/** The state-changing actions a person with these permissions may take on a step now. */
export function allowedActions(state: StepState, permissions: StepPermissions): TransitionAction[] {
	return (Object.keys(TRANSITIONS) as TransitionAction[]).filter((action) => {
		const allowed =
			stepPermission(action) === 'step.reopen' ? permissions.reopen : permissions.work;
		return allowed && nextState(state, action) !== null;
	});
}

/** Done and skipped both let dependents go ahead and count as progress. */
export function isFinished(state: StepState): boolean {
	return state === 'done' || state === 'skipped';
}
