/**
 * The figures that rest on the incident's milestones: each runs from one milestone to another,
 * at their true times. A figure whose milestones are not set says which to set, never guesses.
 */
import { MILESTONES, milestoneOfKind, type Milestone } from '$lib/milestones/model';
import { milestoneName } from '$lib/milestones/labels';
import { m } from '$lib/paraglide/messages';
import { clock, inOccurrenceOrder, minutesBetween, ref, seqLabel } from './events';
import type { EventRef, Figure, FigureEvent, FigureFormat, FigureInput } from './types';

export interface MilestoneFigure extends Figure {
	missing: Milestone[];
}

interface MilestoneAt {
	at: string;
	event: FigureEvent | null;
}

/**
 * Each milestone's true time: its latest setting (a correction replaces the first), the
 * detection from the incident itself when no event carries it.
 */
export function milestoneTimes(input: FigureInput): Partial<Record<Milestone, MilestoneAt>> {
	const times: Partial<Record<Milestone, MilestoneAt>> = {};
	const bySeq = [...input.events].sort((a, b) => a.seq - b.seq);
	for (const event of bySeq) {
		const milestone = milestoneOfKind(event.kind);
		if (milestone) times[milestone] = { at: event.occurredAt, event };
	}
	if (!times.detected) {
		const declared = inOccurrenceOrder(input.events).find((e) => e.kind === 'incident.declared');
		times.detected = { at: input.incident.detectedAt, event: declared ?? null };
	} else times.detected = { ...times.detected, at: input.incident.detectedAt };
	return times;
}

function refOf(point: MilestoneAt, milestone: Milestone): EventRef[] {
	return point.event ? [ref(point.event, 'milestone', milestoneName(milestone))] : [];
}

/** The figure from one milestone to another. */
export function betweenMilestones(
	input: FigureInput,
	from: Milestone,
	to: Milestone,
	format: FigureFormat
): MilestoneFigure {
	const times = milestoneTimes(input);
	const start = times[from];
	const end = times[to];
	const missing = MILESTONES.filter((x) => (x === from && !start) || (x === to && !end));
	if (!start || !end) {
		return {
			value: null,
			missing,
			explanation: m.night_fig_missing({ names: missing.map(milestoneName).join(', ') }),
			events: [...(start ? refOf(start, from) : []), ...(end ? refOf(end, to) : [])]
		};
	}
	const minutes = minutesBetween(start.at, end.at);
	return {
		value: Math.max(0, minutes),
		missing: [],
		explanation: m.night_fig_between({
			from: milestoneName(from),
			fromAt: clock(start.at, format),
			fromEvent: start.event ? seqLabel(start.event) : '—',
			to: milestoneName(to),
			toAt: clock(end.at, format),
			toEvent: end.event ? seqLabel(end.event) : '—'
		}),
		events: [...refOf(start, from), ...refOf(end, to)]
	};
}

export interface MilestoneFigures {
	detect: MilestoneFigure;
	acknowledge: MilestoneFigure;
	identify: MilestoneFigure;
	mitigate: MilestoneFigure;
	recover: MilestoneFigure;
	impact: MilestoneFigure;
}

export function milestoneFigures(input: FigureInput, format: FigureFormat): MilestoneFigures {
	const fig = (from: Milestone, to: Milestone) => betweenMilestones(input, from, to, format);
	return {
		detect: fig('trigger', 'detected'),
		acknowledge: fig('detected', 'acknowledged'),
		identify: fig('detected', 'identified'),
		mitigate: fig('detected', 'mitigated'),
		recover: fig('detected', 'recovered'),
		impact: fig('trigger', 'recovered')
	};
}
