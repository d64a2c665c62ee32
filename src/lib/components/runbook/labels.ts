import { m } from '$lib/paraglide/messages';
import { labels } from '$lib/text/labels';
import type { TransitionAction } from '$lib/runbooks/states';
import type { OwnerSide, StepState } from '$lib/runbooks/types';

/** Every state has an icon and a word: colour is never the only signal. */
export const STATE_ICONS: Record<StepState, string> = {
	pending: '○',
	ready: '▷',
	in_progress: '●',
	blocked: '⏸',
	done: '✓',
	skipped: '↷',
	failed: '✗'
};

/** The colour a state is drawn in, the same in the list and on the chart (none: the default). */
export const STATE_COLOURS: Record<StepState, string | undefined> = {
	pending: undefined,
	ready: undefined,
	in_progress: 'var(--accent)',
	blocked: 'var(--danger)',
	done: 'var(--ok)',
	skipped: 'var(--ok)',
	failed: 'var(--danger)'
};

export const stateLabel = labels<StepState>({
	pending: m.runbook_state_pending,
	ready: m.runbook_state_ready,
	in_progress: m.runbook_state_in_progress,
	blocked: m.runbook_state_blocked,
	done: m.runbook_state_done,
	skipped: m.runbook_state_skipped,
	failed: m.runbook_state_failed
});

export const actionLabel = labels<TransitionAction>({
	start: m.runbook_action_start,
	complete: m.runbook_action_complete,
	fail: m.runbook_action_fail,
	block: m.runbook_action_block,
	resume: m.runbook_action_resume,
	retry: m.runbook_action_retry,
	skip: m.runbook_action_skip,
	reopen: m.runbook_action_reopen
});

export function sideLabel(side: OwnerSide): string {
	return side === 'client' ? m.runbook_side_client() : m.runbook_side_provider();
}
