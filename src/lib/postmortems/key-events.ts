import { describe } from '$lib/events/describe';
import { ofKind, type EventKind } from '$lib/events/payloads';
import { MILESTONE_KINDS as MILESTONE_EVENT_KINDS } from '$lib/milestones/model';
import { m } from '$lib/paraglide/messages';
import { backdateLabel, backdateReason } from '$lib/timeline/fold';
import { inOccurrenceOrder } from './events';
import type { FigureEvent, FigureInput } from './types';

export type KeyEventReason = 'pinned' | 'status' | 'milestone' | 'note';

export interface KeyEvent {
	seq: number;
	kind: string;
	occurredAt: string;
	actorName: string | null;
	text: string;
	reason: KeyEventReason;
	/** Why it was told at an earlier true time ('' without a reason); null when it was not
	 * (absent from what was published before it existed). */
	backdateReason?: string | null;
}

const STATUS_KINDS: EventKind[] = ['incident.declared', 'incident.status_changed'];
const MILESTONE_KINDS: EventKind[] = [
	...Object.values(MILESTONE_EVENT_KINDS),
	'run.started',
	'step.blocked',
	'step.failed'
];
/** What people wrote on the timeline: every one reaches the post-mortem's Timeline section. */
const NOTE_KINDS: EventKind[] = ['timeline.note', 'timeline.decision'];

/**
 * The `step.done` events that finished a whole phase (its last step to end), and the one that
 * finished the run: the runbook's milestones.
 */
function phaseCompletions(input: FigureInput): Map<number, string> {
	const done = new Map<number, string>();
	if (!input.run) return done;
	const phases = [...new Set(input.run.steps.map((s) => s.phase))];
	const ends = inOccurrenceOrder(input.events).filter(ofKind('step.done'));
	for (const phase of phases) {
		const steps = input.run.steps.filter((s) => s.phase === phase);
		if (!steps.every((s) => s.state === 'done' || s.state === 'skipped')) continue;
		const ids = new Set(steps.map((s) => s.id));
		const last = ends.filter((e) => ids.has(e.payload.stepId)).at(-1);
		if (last) done.set(last.seq, m.pm_key_phase_done({ phase }));
	}
	return done;
}

/**
 * The key events of the post-mortem: pinned ones first, then status changes, the incident's
 * milestones and the runbook's (run started, steps blocked or failed, phases completed), each
 * group in the order things happened.
 */
export function keyEvents(input: FigureInput): KeyEvent[] {
	const all = recordEntries(input, false);
	return [...all.filter((e) => e.reason === 'pinned'), ...all.filter((e) => e.reason !== 'pinned')];
}

/**
 * What the post-mortem's Timeline section lists, in the order things happened: every note,
 * decision, milestone and status change, and whatever was pinned (pins mark key events; they
 * do not decide what is included).
 */
export function timelineEntries(input: FigureInput): KeyEvent[] {
	return recordEntries(input, true);
}

function recordEntries(input: FigureInput, withNotes: boolean): KeyEvent[] {
	const events = inOccurrenceOrder(input.events);
	const phases = phaseCompletions(input);
	const entry = (e: FigureEvent, reason: KeyEventReason, text = describe(e)): KeyEvent => ({
		seq: e.seq,
		kind: e.kind,
		occurredAt: e.occurredAt,
		actorName: e.actorName,
		text,
		reason,
		backdateReason: backdateReason(e)
	});
	return events.flatMap((e) => {
		if (e.pinned) return [entry(e, 'pinned')];
		if (STATUS_KINDS.includes(e.kind)) return [entry(e, 'status')];
		if (MILESTONE_KINDS.includes(e.kind)) return [entry(e, 'milestone')];
		if (withNotes && NOTE_KINDS.includes(e.kind)) return [entry(e, 'note')];
		const phase = phases.get(e.seq);
		return phase ? [entry(e, 'milestone', `${phase} — ${describe(e)}`)] : [];
	});
}

/** A key event's words as the exports write them: ★ when pinned, and why it was back-dated. */
export function keyEventText(e: KeyEvent): string {
	const late =
		e.backdateReason === null || e.backdateReason === undefined
			? ''
			: ` (${backdateLabel(e.backdateReason)})`;
	return `${e.reason === 'pinned' ? '★ ' : ''}${e.text}${late}`;
}
