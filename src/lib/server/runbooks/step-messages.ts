import { formatHourMinute } from '$lib/time/format';
import { isTransition, TRANSITIONS, type StepAction } from '$lib/runbooks/states';
import type { StepState } from '$lib/runbooks/types';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { labels } from '$lib/text/labels';

/** How a step's state reads inside a sentence ("is already …", "it is now …"). */
const stateWords = labels<StepState>({
	pending: m.err_step_state_pending,
	ready: m.err_step_state_ready,
	in_progress: m.err_step_state_in_progress,
	blocked: m.err_step_state_blocked,
	done: m.err_step_state_done,
	skipped: m.err_step_state_skipped,
	failed: m.err_step_state_failed
});

interface Seen {
	title: string;
	state: StepState;
	updated_at: Date;
	updated_by_name: string | null;
}

const hourMinute = (date: Date, timeZone: string) => formatHourMinute(date, timeZone, getLocale());

/**
 * What a person acting on an out-of-date copy of a step is told: what the step is now, who
 * changed it and when, e.g. “web03 reinstall” is already done (by Marc at 02:41).
 */
export function staleMessage(step: Seen, action: StepAction, timeZone: string): string {
	const time = hourMinute(step.updated_at, timeZone);
	const when = step.updated_by_name
		? m.err_step_when_by({ name: step.updated_by_name, time })
		: m.err_step_when({ time });
	const target = isTransition(action) ? TRANSITIONS[action].to : null;
	const state = stateWords(step.state);
	if (target === step.state) return m.err_step_already({ title: step.title, state, when });
	return m.err_step_changed_meanwhile({ title: step.title, state, when });
}

/** How an action reads after "it cannot be …". */
const actionWords = labels<StepAction>({
	start: m.err_step_verb_start,
	complete: m.err_step_verb_complete,
	fail: m.err_step_verb_fail,
	block: m.err_step_verb_block,
	resume: m.err_step_verb_resume,
	retry: m.err_step_verb_retry,
	skip: m.err_step_verb_skip,
	reopen: m.err_step_verb_reopen,
	assign: m.err_step_verb_assign,
	note: m.err_step_verb_note,
	request_approval: m.err_step_verb_request_approval,
	approve: m.err_step_verb_approve,
	refuse: m.err_step_verb_refuse
});

/** Why the state machine refuses an action on a step in its current state. */
export function refusalMessage(
	step: Pick<Seen, 'title' | 'state'>,
	action: StepAction,
	waitingFor: string[]
): string {
	if (action === 'start' && step.state === 'pending' && waitingFor.length > 0) {
		const steps = waitingFor.map((title) => m.err_quoted({ title })).join(', ');
		return m.err_step_waiting_for({ title: step.title, steps });
	}
	const from = isTransition(action)
		? TRANSITIONS[action].from.map((state) => stateWords(state))
		: [];
	const refused = m.err_step_refused({
		title: step.title,
		state: stateWords(step.state),
		verb: actionWords(action)
	});
	if (from.length === 0) return refused;
	return `${refused} ${m.err_step_only_from({ states: from.join(` ${m.err_or()} `) })}`;
}
