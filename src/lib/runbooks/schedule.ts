import { longestPath, type WeightedNode } from './graph';
import { isFinished } from './states';
import type { RunStep, StepState } from './types';

const MINUTE = 60_000;

type TimedStep = Pick<
	RunStep,
	'id' | 'title' | 'state' | 'plannedMinutes' | 'startedAt' | 'endedAt' | 'dependsOn'
>;

function isActive(state: StepState): boolean {
	return state === 'in_progress' || state === 'blocked';
}

/** Minutes a started step has taken so far (to its end, or to now while it runs). */
export function elapsedMinutes(step: TimedStep, now: number): number {
	if (!step.startedAt) return 0;
	const end = step.endedAt && !isActive(step.state) ? Date.parse(step.endedAt) : now;
	return Math.max(0, (end - Date.parse(step.startedAt)) / MINUTE);
}

/** How far beyond its planned duration a started step has run (0 when within plan). */
export function overrunMinutes(step: TimedStep, now: number): number {
	if (!step.startedAt || step.state === 'skipped') return 0;
	return Math.max(0, elapsedMinutes(step, now) - step.plannedMinutes);
}

/** A step still being worked (in progress or blocked) that has exceeded its planned time. */
export function isLate(step: TimedStep, now: number): boolean {
	return isActive(step.state) && overrunMinutes(step, now) > 0;
}

/**
 * What is left of a step: nothing once done or skipped; the remaining planned time (never
 * below zero) while in progress or blocked; the whole planned time otherwise (a failed step
 * will be retried).
 */
export function remainingMinutes(step: TimedStep, now: number): number {
	if (isFinished(step.state)) return 0;
	if (isActive(step.state) && step.startedAt) {
		return Math.max(0, step.plannedMinutes - elapsedMinutes(step, now));
	}
	return step.plannedMinutes;
}

export interface CriticalStep {
	id: string;
	title: string;
	state: StepState;
	/** What this step adds to the ETA, in minutes. */
	minutes: number;
	late: boolean;
	overMinutes: number;
}

export interface Eta {
	/** When the run is expected to end (ISO); the last end when everything is finished. */
	at: string;
	finished: boolean;
	/** now + remainingMinutes = at (while not finished). */
	remainingMinutes: number;
	/** The steps not yet done along the critical path, first to last: the ETA's explanation. */
	critical: CriticalStep[];
	/** When the plan said the run would end: its start plus the planned critical path. */
	plannedEnd: string;
	/** ETA minus planned end in minutes: positive means behind plan. */
	delayMinutes: number;
}

/** The critical path with every step at its planned duration (the plan, not the forecast). */
export function plannedCriticalPath(steps: readonly TimedStep[]): {
	ids: string[];
	minutes: number;
} {
	const { path, length } = longestPath(
		steps.map((s) => ({ id: s.id, dependsOn: s.dependsOn, weight: s.plannedMinutes }))
	);
	return { ids: path, minutes: length };
}

/**
 * ETA = now + the length of the critical path through the steps not yet done or skipped,
 * each weighing its remaining minutes (DESIGN.md §2).
 */
export function computeEta(
	run: { startedAt: string; steps: readonly TimedStep[] },
	now: number
): Eta {
	const plannedEnd = Date.parse(run.startedAt) + plannedCriticalPath(run.steps).minutes * MINUTE;
	const open = run.steps.filter((s) => !isFinished(s.state));
	if (open.length === 0) {
		const ends = run.steps.map((s) => Date.parse(s.endedAt ?? run.startedAt));
		const end = Math.max(Date.parse(run.startedAt), ...ends);
		return summary(end, true, 0, [], plannedEnd);
	}
	const nodes: WeightedNode[] = open.map((s) => ({
		id: s.id,
		dependsOn: s.dependsOn,
		weight: remainingMinutes(s, now)
	}));
	const { path, length } = longestPath(nodes);
	const byId = new Map(open.map((s) => [s.id, s]));
	const critical = path.flatMap((id) => {
		const step = byId.get(id);
		if (!step) return [];
		return [
			{
				id,
				title: step.title,
				state: step.state,
				minutes: remainingMinutes(step, now),
				late: isLate(step, now),
				overMinutes: overrunMinutes(step, now)
			}
		];
	});
	return summary(now + length * MINUTE, false, length, critical, plannedEnd);
}

function summary(
	at: number,
	finished: boolean,
	remaining: number,
	critical: CriticalStep[],
	plannedEnd: number
): Eta {
	return {
		at: new Date(at).toISOString(),
		finished,
		remainingMinutes: remaining,
		critical,
		plannedEnd: new Date(plannedEnd).toISOString(),
		delayMinutes: Math.round((at - plannedEnd) / MINUTE)
	};
}

export interface Progress {
	finished: number;
	total: number;
	percent: number;
}

export interface PhaseProgress extends Progress {
	phase: string;
}

function progressOf(steps: readonly Pick<RunStep, 'state'>[]): Progress {
	const finished = steps.filter((s) => isFinished(s.state)).length;
	const total = steps.length;
	return { finished, total, percent: total === 0 ? 0 : Math.floor((finished / total) * 100) };
}

/** Done plus skipped over all steps, for the run and for each phase in run order. */
export function computeProgress(steps: readonly Pick<RunStep, 'state' | 'phase'>[]): Progress & {
	phases: PhaseProgress[];
} {
	const phases: string[] = [];
	for (const step of steps) if (!phases.includes(step.phase)) phases.push(step.phase);
	return {
		...progressOf(steps),
		phases: phases.map((phase) => ({
			phase,
			...progressOf(steps.filter((s) => s.phase === phase))
		}))
	};
}

/** Each step's planned start and end (ms) if every step took its planned time from the start. */
export function plannedSchedule(run: {
	startedAt: string;
	steps: readonly TimedStep[];
}): Map<string, { start: number; end: number }> {
	const origin = Date.parse(run.startedAt);
	const { finish } = longestPath(
		run.steps.map((s) => ({ id: s.id, dependsOn: s.dependsOn, weight: s.plannedMinutes }))
	);
	return new Map(
		run.steps.map((s) => {
			const end = origin + (finish.get(s.id) ?? s.plannedMinutes) * MINUTE;
			return [s.id, { start: end - s.plannedMinutes * MINUTE, end }];
		})
	);
}
