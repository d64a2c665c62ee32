import { formatHourMinute } from '$lib/format/time';
import { isTransition, TRANSITIONS, type StepAction } from '$lib/runbooks/states';
import type { StepState } from '$lib/runbooks/types';

const STATE_WORDS: Record<StepState, string> = {
	pending: 'waiting for its dependencies',
	ready: 'ready',
	in_progress: 'in progress',
	blocked: 'blocked',
	done: 'done',
	skipped: 'skipped',
	failed: 'failed'
};

interface Seen {
	title: string;
	state: StepState;
	updated_at: Date;
	updated_by_name: string | null;
}

const hourMinute = (date: Date, timeZone: string) => formatHourMinute(date, timeZone, 'en');

/**
 * What a person acting on an out-of-date copy of a step is told: what the step is now, who
 * changed it and when, e.g. “web03 reinstall” is already done (by Marc at 02:41).
 */
export function staleMessage(step: Seen, action: StepAction, timeZone: string): string {
	const by = step.updated_by_name ? `by ${step.updated_by_name} at ` : 'at ';
	const when = `(${by}${hourMinute(step.updated_at, timeZone)})`;
	const target = isTransition(action) ? TRANSITIONS[action].to : null;
	if (target === step.state)
		return `“${step.title}” is already ${STATE_WORDS[step.state]} ${when}.`;
	return `“${step.title}” changed meanwhile ${when}: it is now ${STATE_WORDS[step.state]}. Look again before acting.`;
}

const VERBS: Record<StepAction, string> = {
	start: 'started',
	complete: 'marked done',
	fail: 'marked failed',
	block: 'marked blocked',
	resume: 'resumed',
	retry: 'retried',
	skip: 'skipped',
	reopen: 'reopened',
	assign: 'assigned',
	note: 'noted',
	request_approval: 'sent for approval',
	approve: 'approved',
	refuse: 'refused'
};

/** Why the state machine refuses an action on a step in its current state. */
export function refusalMessage(
	step: Pick<Seen, 'title' | 'state'>,
	action: StepAction,
	waitingFor: string[]
): string {
	if (action === 'start' && step.state === 'pending' && waitingFor.length > 0) {
		return `“${step.title}” is waiting for ${waitingFor.map((t) => `“${t}”`).join(', ')}.`;
	}
	const from = isTransition(action) ? TRANSITIONS[action].from.map((s) => STATE_WORDS[s]) : [];
	const only = from.length > 0 ? ` Only a step that is ${from.join(' or ')} can be.` : '';
	return `“${step.title}” is ${STATE_WORDS[step.state]}: it cannot be ${VERBS[action]}.${only}`;
}
