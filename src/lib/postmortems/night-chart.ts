/**
 * The night as a picture, as data and geometry: what NightChart.svelte draws (status phases,
 * key events, each runbook step's planned and actual bars) on a dated time axis. The data is
 * what a publication stores; the geometry is computed from it each time it is drawn, so the
 * page, the printable page and the SVG download show one picture.
 */
import { laneCount, spreadLanes } from '$lib/charts/lanes';
import { sameLocalDay, timeAxis, type TimeTick } from '$lib/charts/time-axis';
import { statusLabel } from '$lib/incidents/labels';
import { formatHourMinute, formatTime, spansYears } from '$lib/time/format';
import { m } from '$lib/paraglide/messages';
import { formatDuration } from '$lib/time/duration';
import { MINUTE } from './events';
import type { KeyEvent } from './key-events';
import type { StepVariance } from './slippage';

/** Everything the chart is drawn from. */
export interface NightChartData {
	detectedAt: string;
	resolvedAt: string | null;
	impactStart: string | null;
	/** The clock for anything still running, and for whether dates need their year. */
	now: number;
	/** Status changes in the order they happened. */
	statusChanges: { occurredAt: string; to: string }[];
	keyEvents: KeyEvent[];
	steps: StepVariance[];
	drill: boolean;
	timezone: string;
	locale: string;
}

export const WIDTH = 960;
export const LABEL = 230;
const RIGHT = 70;
/** Two lines of tick labels: the date where it changes, then the time. */
export const AXIS = 36;
export const BAND = 24;
export const ROW = 18;
const LANE = 11;
const CHAR = 6.4;

export const PHASE_COLOURS: Record<string, string> = {
	undetected: '#8d96a0',
	investigating: '#d9534f',
	identified: '#e08a1e',
	mitigating: '#d4a017',
	monitoring: '#3f86d6',
	resolved: '#2e9d63',
	closed: '#2e9d63'
};

export interface Phase {
	x: number;
	width: number;
	status: string;
	label: string;
	/** Whether the label fits inside the bar. */
	labelled: boolean;
}

export interface Marker {
	n: number;
	x: number;
	y: number;
	tip: string;
}

export interface StepRow {
	y: number;
	label: string;
	tip: string;
	planned: { x: number; width: number };
	actual: { x: number; width: number; tone: 'done' | 'running' | 'late' } | null;
	/** "+40 min", written after a late bar. */
	late: { x: number; text: string } | null;
}

export interface NightChartLayout {
	width: number;
	height: number;
	ticks: (TimeTick & { x: number })[];
	gridBottom: number;
	phasesTop: number;
	phases: Phase[];
	eventsTop: number;
	eventsHeight: number;
	markers: Marker[];
	steps: StepRow[];
	legendTop: number;
}

function range(data: NightChartData): { start: number; end: number } {
	const times = [
		Date.parse(data.detectedAt),
		data.impactStart ? Date.parse(data.impactStart) : Infinity,
		data.resolvedAt ? Date.parse(data.resolvedAt) : data.now,
		...data.keyEvents.map((e) => Date.parse(e.occurredAt)),
		...data.steps.flatMap((s) => [s.plannedStart, s.plannedEnd, s.actualStart ?? Infinity]),
		...data.steps.map((s) => s.actualEnd ?? -Infinity)
	].filter(Number.isFinite);
	const start = Math.min(...times);
	return { start, end: Math.max(start + 10 * MINUTE, ...times) };
}

function phases(data: NightChartData, x: (t: number) => number, end: number): Phase[] {
	const segments: { from: number; to: number; status: string; label: string }[] = [];
	const detected = Date.parse(data.detectedAt);
	if (data.impactStart && Date.parse(data.impactStart) < detected) {
		const label = m.pm_chart_undetected();
		segments.push({
			from: Date.parse(data.impactStart),
			to: detected,
			status: 'undetected',
			label
		});
	}
	let status = 'investigating';
	let from = detected;
	for (const change of data.statusChanges) {
		const at = Date.parse(change.occurredAt);
		if (at > from) segments.push({ from, to: at, status, label: statusLabel(status) });
		[status, from] = [change.to, Math.max(from, at)];
	}
	segments.push({ from, to: end, status, label: statusLabel(status) });
	return segments.map((s) => {
		const left = x(s.from);
		const width = Math.max(1, x(s.to) - left);
		return { ...s, x: left, width, labelled: width > s.label.length * CHAR + 6 };
	});
}

function stepRow(
	data: NightChartData,
	x: (t: number) => number,
	step: StepVariance,
	y: number,
	when: (t: number) => string
): StepRow {
	const title = step.title.length > 34 ? `${step.title.slice(0, 33)}…` : step.title;
	const late = (step.deltaMinutes ?? 0) >= 1;
	let tip: string = m.pm_chart_step_planned({
		title: step.title,
		from: when(step.plannedStart),
		to: when(step.plannedEnd),
		minutes: formatDuration(step.plannedMinutes)
	});
	let actual: StepRow['actual'] = null;
	let lateText: StepRow['late'] = null;
	if (step.actualStart !== null && step.actualEnd !== null) {
		const running = step.state === 'in_progress' || step.state === 'blocked';
		const left = x(step.actualStart);
		const right = x(step.actualEnd);
		actual = {
			x: left,
			width: Math.max(2, right - left),
			tone: late ? 'late' : running ? 'running' : 'done'
		};
		if (late) {
			const text = `+${formatDuration(step.deltaMinutes ?? 0)}`;
			lateText = { x: Math.max(right, left + 2) + 4, text };
		}
		tip += ` · ${m.pm_chart_step_actual({ from: when(step.actualStart), to: when(step.actualEnd), minutes: formatDuration(step.actualMinutes ?? 0) })}`;
	}
	const planned = {
		x: x(step.plannedStart),
		width: Math.max(1, x(step.plannedEnd) - x(step.plannedStart))
	};
	return { y, label: `${step.drove ? '◆ ' : ''}${title}`, tip, planned, actual, late: lateText };
}

/** Where everything goes. */
export function nightChartLayout(data: NightChartData): NightChartLayout {
	const { start, end } = range(data);
	const plot = WIDTH - LABEL - RIGHT;
	const x = (t: number) => LABEL + ((t - start) / (end - start)) * plot;
	const axis = timeAxis(start, end, { ...data, width: plot });
	// Tooltips say the day only when the chart spans more than one.
	const sameDay = sameLocalDay(start, end, data.timezone);
	const when = (t: number | string) =>
		sameDay
			? formatHourMinute(t, data.timezone, data.locale)
			: formatTime(new Date(t), data.timezone, data.locale, {
					withYear: spansYears(start, end, data.timezone),
					now: data.now
				});
	const xs = data.keyEvents.map((e) => x(Date.parse(e.occurredAt)));
	// A marker is a diamond and its number: it needs that much room on its lane.
	const placed = spreadLanes(xs, 14 + String(xs.length).length * CHAR, 5);
	const eventsTop = AXIS + BAND;
	const eventsHeight = Math.max(BAND, laneCount(placed) * LANE + 6);
	const markers = data.keyEvents.map((e, i) => ({
		n: i + 1,
		x: placed[i]?.x ?? LABEL,
		y: eventsTop + 8 + (placed[i]?.lane ?? 0) * LANE,
		tip: `${i + 1}. ${when(e.occurredAt)} ${e.text}`
	}));
	const stepsTop = eventsTop + eventsHeight + 4;
	const gridBottom = stepsTop + data.steps.length * ROW;
	return {
		width: WIDTH,
		height: gridBottom + 30,
		ticks: axis.ticks.map((t) => ({ ...t, x: x(t.at) })),
		gridBottom,
		phasesTop: AXIS,
		phases: phases(data, x, end),
		eventsTop,
		eventsHeight,
		markers,
		steps: data.steps.map((s, i) => stepRow(data, x, s, stepsTop + i * ROW, when)),
		legendTop: gridBottom + 10
	};
}

/** Legend entries laid out one after the other (about 6.5 units per character). */
export function legendLayout(): {
	x: number;
	kind: 'planned' | 'actual' | 'late' | 'drove';
	text: string;
}[] {
	const entries = [
		{ kind: 'planned' as const, text: m.pm_chart_planned() },
		{ kind: 'actual' as const, text: m.pm_chart_actual() },
		{ kind: 'late' as const, text: m.pm_chart_late() },
		{ kind: 'drove' as const, text: m.pm_chart_drove() }
	];
	let x = LABEL;
	return entries.map((entry) => {
		const at = x;
		x += 48 + entry.text.length * 6.5;
		return { ...entry, x: at };
	});
}
