/**
 * Planned against actual, per runbook step, and the steps that drove the delay: those on the
 * critical path as the night actually ran (from the last step to end, back through the
 * dependency that let each one start last) that took longer than planned.
 */
import { ofKind } from '$lib/events/payloads';
import { m } from '$lib/paraglide/messages';
import { formatDuration } from '$lib/time/duration';
import { plannedCriticalPath, plannedSchedule } from '$lib/runbooks/schedule';
import { clock, MINUTE, minutesBetween, ref } from './events';
import { resolutionTime } from './figures';
import type { EventRef, Figure, FigureFormat, FigureInput, FigureStep } from './types';

export interface StepVariance {
	id: string;
	key: string;
	title: string;
	phase: string;
	position: number;
	state: FigureStep['state'];
	plannedMinutes: number;
	plannedStart: number;
	plannedEnd: number;
	actualStart: number | null;
	actualEnd: number | null;
	actualMinutes: number | null;
	/** Actual minus planned; positive means late. */
	deltaMinutes: number | null;
	onCriticalPath: boolean;
	/** On the critical path as it ran, and late: one of the steps that drove the delay. */
	drove: boolean;
}

export interface SlippageFigure extends Figure {
	/** Step ids along the critical path as it ran, first to last. */
	path: string[];
	drivers: { stepId: string; title: string; overMinutes: number }[];
	/** Time on the path spent waiting to start after what a step waited for had ended. */
	waitMinutes: number;
	plannedEnd: string | null;
	actualEnd: string | null;
}

type Interval = { start: number; end: number };

/** When a step actually ran: until its end, or until the clock stopped while it was running. */
export function actualInterval(step: FigureStep, stoppedAt: number): Interval | null {
	if (!step.startedAt) return null;
	const start = Date.parse(step.startedAt);
	const running = step.state === 'in_progress' || step.state === 'blocked' || !step.endedAt;
	const end = running || !step.endedAt ? stoppedAt : Date.parse(step.endedAt);
	return { start, end: Math.max(start, end) };
}

/** The clock for steps still running: the resolution, or now. */
function stoppedAt(input: FigureInput): number {
	const resolved = resolutionTime(input);
	return resolved ? Date.parse(resolved) : input.now;
}

/** The critical path as it ran: the chain of steps that set the end, and the waits along it. */
export function actualCriticalPath(
	steps: readonly FigureStep[],
	runStart: number,
	stop: number
): { path: FigureStep[]; waitMinutes: number; end: number | null } {
	const intervals = new Map(
		steps.flatMap((s) => {
			const interval = actualInterval(s, stop);
			return interval ? [[s.id, interval] as const] : [];
		})
	);
	const byId = new Map(steps.map((s) => [s.id, s]));
	const ranked = (ids: readonly string[]) =>
		ids
			.map((id) => byId.get(id))
			.filter((s): s is FigureStep => s !== undefined && intervals.has(s.id))
			.sort(
				(a, b) =>
					(intervals.get(b.id)?.end ?? 0) - (intervals.get(a.id)?.end ?? 0) ||
					b.position - a.position
			);
	const path: FigureStep[] = [];
	let wait = 0;
	let current = ranked(steps.map((s) => s.id))[0];
	const end = current ? (intervals.get(current.id)?.end ?? null) : null;
	while (current && !path.includes(current)) {
		path.unshift(current);
		const gating = ranked(current.dependsOn)[0];
		const ready = gating ? (intervals.get(gating.id)?.end ?? runStart) : runStart;
		wait += Math.max(0, (intervals.get(current.id)?.start ?? ready) - ready) / MINUTE;
		current = gating;
	}
	return { path, waitMinutes: wait, end };
}

/** Per step: planned and actual start, end and duration, and whether it drove the delay. */
export function stepVariances(input: FigureInput): StepVariance[] {
	if (!input.run) return [];
	const { steps } = input.run;
	const runStart = Date.parse(input.run.startedAt);
	const stop = stoppedAt(input);
	const planned = plannedSchedule(input.run);
	const { path } = actualCriticalPath(steps, runStart, stop);
	const onPath = new Set(path.map((s) => s.id));
	return steps.map((step) => {
		const plan = planned.get(step.id) ?? { start: runStart, end: runStart };
		const actual = actualInterval(step, stop);
		const actualMinutes = actual ? (actual.end - actual.start) / MINUTE : null;
		const deltaMinutes = actualMinutes === null ? null : actualMinutes - step.plannedMinutes;
		return {
			id: step.id,
			key: step.key,
			title: step.title,
			phase: step.phase,
			position: step.position,
			state: step.state,
			plannedMinutes: step.plannedMinutes,
			plannedStart: plan.start,
			plannedEnd: plan.end,
			actualStart: actual?.start ?? null,
			actualEnd: actual?.end ?? null,
			actualMinutes,
			deltaMinutes,
			onCriticalPath: onPath.has(step.id),
			drove: onPath.has(step.id) && (deltaMinutes ?? 0) > 0
		};
	});
}

const signed = (minutes: number) =>
	`${minutes < 0 ? '−' : '+'}${formatDuration(Math.abs(Math.round(minutes)))}`;

/**
 * How far behind (positive) or ahead of the plan the run ended: its last step's end against
 * the run's start plus the planned critical path; and which late steps on the path caused it.
 */
export function criticalPathSlippage(input: FigureInput, format: FigureFormat): SlippageFigure {
	const empty = { path: [], drivers: [], waitMinutes: 0, plannedEnd: null, actualEnd: null };
	if (!input.run)
		return { value: null, explanation: m.pm_fig_slippage_no_run(), events: [], ...empty };
	const runStart = Date.parse(input.run.startedAt);
	const plannedEnd = runStart + plannedCriticalPath(input.run.steps).minutes * MINUTE;
	const { path, waitMinutes, end } = actualCriticalPath(
		input.run.steps,
		runStart,
		stoppedAt(input)
	);
	if (end === null) {
		return {
			value: null,
			explanation: m.pm_fig_slippage_not_started(),
			events: [],
			...empty,
			plannedEnd: new Date(plannedEnd).toISOString()
		};
	}
	const variances = new Map(stepVariances(input).map((v) => [v.id, v]));
	const drivers = path
		.map((s) => ({
			stepId: s.id,
			title: s.title,
			overMinutes: variances.get(s.id)?.deltaMinutes ?? 0
		}))
		.filter((d) => d.overMinutes > 0)
		.sort((a, b) => b.overMinutes - a.overMinutes);
	const value = minutesBetween(plannedEnd, end);
	return {
		value,
		explanation: m.pm_fig_slippage({
			actual: clock(end, format),
			planned: clock(plannedEnd, format),
			delay: signed(value),
			path: path.map((s) => s.title).join(' → '),
			drivers:
				drivers.map((d) => `${d.title} ${signed(d.overMinutes)}`).join(', ') ||
				m.pm_fig_slippage_no_driver(),
			wait: formatDuration(waitMinutes)
		}),
		events: driverEvents(input, new Set(drivers.map((d) => d.stepId))),
		path: path.map((s) => s.id),
		drivers,
		waitMinutes,
		plannedEnd: new Date(plannedEnd).toISOString(),
		actualEnd: new Date(end).toISOString()
	};
}

function driverEvents(input: FigureInput, ids: Set<string>): EventRef[] {
	return input.events
		.filter(ofKind('step.started', 'step.done'))
		.filter((e) => ids.has(e.payload.stepId))
		.map((e) => ref(e, e.kind === 'step.started' ? 'step_start' : 'step_end'));
}
