import type { StepViewer } from './next-step';
import { isLate } from './schedule';
import type { RunStep } from './types';

type NowStep = Pick<
	RunStep,
	| 'id'
	| 'title'
	| 'state'
	| 'ownerSide'
	| 'assigneeId'
	| 'assigneeName'
	| 'position'
	| 'plannedMinutes'
	| 'startedAt'
	| 'endedAt'
	| 'dependsOn'
	| 'blockedReason'
	| 'updatedAt'
	| 'updatedByName'
>;

export const STEP_FILTERS = ['all', 'mine', 'side', 'late', 'blocked'] as const;
export type StepFilter = (typeof STEP_FILTERS)[number];

export interface NowView<S> {
	blocked: S[];
	late: S[];
	inProgress: S[];
	/** Ready and assigned to the viewer, or ready for the viewer's side and not taken. */
	readyForMe: S[];
}

/** What needs attention now, in runbook order: the room's "now" strip. */
export function nowView<S extends NowStep>(
	steps: readonly S[],
	viewer: StepViewer,
	now: number
): NowView<S> {
	const ordered = [...steps].sort((a, b) => a.position - b.position);
	return {
		blocked: ordered.filter((s) => s.state === 'blocked'),
		late: ordered.filter((s) => isLate(s, now)),
		inProgress: ordered.filter((s) => s.state === 'in_progress' && !isLate(s, now)),
		readyForMe: ordered.filter(
			(s) =>
				s.state === 'ready' &&
				(s.assigneeId === viewer.userId || (!s.assigneeId && s.ownerSide === viewer.side))
		)
	};
}

/** Whether a step stays listed in the runbook under a filter of the strip. */
export function matchesFilter(
	step: NowStep,
	filter: StepFilter,
	viewer: StepViewer,
	now: number
): boolean {
	switch (filter) {
		case 'all':
			return true;
		case 'mine':
			return step.assigneeId === viewer.userId;
		case 'side':
			return step.ownerSide === viewer.side;
		case 'late':
			return isLate(step, now);
		case 'blocked':
			return step.state === 'blocked';
	}
}
