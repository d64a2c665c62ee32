/**
 * A drill's scorecard: how long it took against its plan and against every earlier drill of
 * the same template, phase by phase, which steps slipped most, and how fast each organization
 * got going. Pure, from the same record the post-mortem figures read.
 */
import { MINUTE } from '$lib/postmortems/events';
import { timeToMobilise, type MobilisationFigure } from '$lib/postmortems/figures';
import { actualInterval } from '$lib/postmortems/slippage';
import type { FigureFormat, FigureInput, FigureStep } from '$lib/postmortems/types';
import { plannedCriticalPath, plannedSchedule } from '$lib/runbooks/schedule';

export interface DrillRecord {
	incidentId: string;
	title: string;
	declaredAt: string;
	/** When the drill ended (resolved); null while it runs. */
	endedAt: string | null;
	run: { startedAt: string; steps: FigureStep[] } | null;
}

export interface DrillTotals {
	incidentId: string;
	title: string;
	declaredAt: string;
	finished: boolean;
	/** From the run's start to the drill's end (or now). */
	actualMinutes: number | null;
	plannedMinutes: number | null;
}

export interface PhaseScore {
	phase: string;
	plannedMinutes: number;
	actualMinutes: number | null;
	finished: boolean;
	/** The same phase in each earlier drill, oldest first (null: not run then). */
	earlier: (number | null)[];
}

export interface SlippedStep {
	title: string;
	phase: string;
	plannedMinutes: number;
	actualMinutes: number;
	overMinutes: number;
}

export interface Scorecard {
	current: DrillTotals;
	/** Earlier drills of the same template, oldest first. */
	earlier: DrillTotals[];
	phases: PhaseScore[];
	slipped: SlippedStep[];
	mobilise: MobilisationFigure[];
}

function stop(record: DrillRecord, now: number): number {
	return record.endedAt ? Date.parse(record.endedAt) : now;
}

export function drillTotals(record: DrillRecord, now: number): DrillTotals {
	const base = {
		incidentId: record.incidentId,
		title: record.title,
		declaredAt: record.declaredAt,
		finished: record.endedAt !== null
	};
	if (!record.run) return { ...base, actualMinutes: null, plannedMinutes: null };
	const start = Date.parse(record.run.startedAt);
	return {
		...base,
		actualMinutes: Math.max(0, (stop(record, now) - start) / MINUTE),
		plannedMinutes: plannedCriticalPath(record.run.steps).minutes
	};
}

/** Phases in run order with their planned span and actual span (first start to last end). */
export function phaseDurations(
	record: DrillRecord,
	now: number
): { phase: string; plannedMinutes: number; actualMinutes: number | null; finished: boolean }[] {
	if (!record.run) return [];
	const run = record.run;
	const planned = plannedSchedule(run);
	const phases = [...new Set(run.steps.map((s) => s.phase))];
	return phases.map((phase) => {
		const steps = run.steps.filter((s) => s.phase === phase);
		const plans = steps.flatMap((s) => {
			const p = planned.get(s.id);
			return p ? [p] : [];
		});
		const plannedMinutes =
			(Math.max(...plans.map((p) => p.end)) - Math.min(...plans.map((p) => p.start))) / MINUTE;
		const actual = steps.flatMap((s) => {
			const interval = actualInterval(s, stop(record, now));
			return interval ? [interval] : [];
		});
		const actualMinutes =
			actual.length === 0
				? null
				: (Math.max(...actual.map((a) => a.end)) - Math.min(...actual.map((a) => a.start))) /
					MINUTE;
		const finished = steps.every((s) => s.state === 'done' || s.state === 'skipped');
		return { phase, plannedMinutes, actualMinutes, finished };
	});
}

/** The finished steps that took longest beyond their plan, worst first. */
export function slippedSteps(record: DrillRecord, limit = 5): SlippedStep[] {
	if (!record.run) return [];
	return record.run.steps
		.flatMap((s) => {
			if (s.state !== 'done' || !s.startedAt || !s.endedAt) return [];
			const actualMinutes = (Date.parse(s.endedAt) - Date.parse(s.startedAt)) / MINUTE;
			const overMinutes = actualMinutes - s.plannedMinutes;
			return overMinutes > 0
				? [
						{
							title: s.title,
							phase: s.phase,
							plannedMinutes: s.plannedMinutes,
							actualMinutes,
							overMinutes
						}
					]
				: [];
		})
		.sort((a, b) => b.overMinutes - a.overMinutes)
		.slice(0, limit);
}

export function scoreDrill(
	current: { record: DrillRecord; input: FigureInput },
	earlier: readonly DrillRecord[],
	format: FigureFormat
): Scorecard {
	const now = current.input.now;
	const ordered = [...earlier].sort((a, b) => Date.parse(a.declaredAt) - Date.parse(b.declaredAt));
	const earlierPhases = ordered.map((r) => phaseDurations(r, now));
	return {
		current: drillTotals(current.record, now),
		earlier: ordered.map((r) => drillTotals(r, now)),
		phases: phaseDurations(current.record, now).map((p) => ({
			...p,
			earlier: earlierPhases.map(
				(phases) => phases.find((x) => x.phase === p.phase)?.actualMinutes ?? null
			)
		})),
		slipped: slippedSteps(current.record),
		mobilise: timeToMobilise(current.input, format)
	};
}
