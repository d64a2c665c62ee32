import type { OwnerSide, RunStep } from './types';

type NextCandidate = Pick<
	RunStep,
	'id' | 'title' | 'state' | 'ownerSide' | 'assigneeId' | 'position'
>;

export interface StepViewer {
	userId: string;
	/** The side the person works on in this incident: the declaring organization is the client. */
	side: OwnerSide;
}

export type NextStepReason = 'yours_in_progress' | 'yours_blocked' | 'yours_ready' | 'side_ready';

export interface NextStep {
	id: string;
	title: string;
	reason: NextStepReason;
}

/**
 * What this person should do next in a run: first what they already hold (in progress, then
 * blocked), then what is ready and assigned to them, then what is ready for their side and
 * nobody has taken. Within each, runbook order.
 */
export function nextStepFor(steps: readonly NextCandidate[], viewer: StepViewer): NextStep | null {
	const ordered = [...steps].sort((a, b) => a.position - b.position);
	const mine = (s: NextCandidate) => s.assigneeId === viewer.userId;
	const rules: [NextStepReason, (s: NextCandidate) => boolean][] = [
		['yours_in_progress', (s) => mine(s) && s.state === 'in_progress'],
		['yours_blocked', (s) => mine(s) && s.state === 'blocked'],
		['yours_ready', (s) => mine(s) && s.state === 'ready'],
		['side_ready', (s) => s.state === 'ready' && !s.assigneeId && s.ownerSide === viewer.side]
	];
	for (const [reason, matches] of rules) {
		const step = ordered.find(matches);
		if (step) return { id: step.id, title: step.title, reason };
	}
	return null;
}
