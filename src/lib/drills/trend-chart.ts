/**
 * The trend of a template's drills, as geometry for TrendChart.svelte: one bar per drill (its
 * total duration, written on it), oldest first, this drill marked in words, and the plan as a
 * dashed line with its value.
 */
import { m } from '$lib/paraglide/messages';
import { formatDuration } from '$lib/time/duration';
import { formatDay, spansYears } from '$lib/time/format';
import type { DrillTotals } from './scorecard';

export const TREND_WIDTH = 640;
export const TREND_HEIGHT = 240;
const TOP = 28;
export const TREND_BOTTOM = 44;
export const TREND_LEFT = 16;

export interface TrendBar {
	incidentId: string;
	x: number;
	y: number;
	width: number;
	height: number;
	tone: 'current' | 'over' | 'within';
	/** "2 h 30 (+40 min over plan)", written above the bar. */
	label: string;
	date: string;
	current: boolean;
	tip: string;
}

export interface TrendLayout {
	bars: TrendBar[];
	plan: { y: number; label: string } | null;
	/** Where the bars stand. */
	baseline: number;
}

export function trendLayout(
	drills: readonly DrillTotals[],
	currentId: string,
	format: { timezone: string; locale: string }
): TrendLayout {
	const shown = drills.filter((d) => d.actualMinutes !== null);
	const plan = Math.max(0, ...drills.map((d) => d.plannedMinutes ?? 0));
	const top = Math.max(plan, ...shown.map((d) => d.actualMinutes ?? 0), 60) * 1.15;
	const baseline = TREND_HEIGHT - TREND_BOTTOM;
	const y = (minutes: number) => TOP + (1 - minutes / top) * (baseline - TOP);
	const slot = (TREND_WIDTH - TREND_LEFT * 2) / Math.max(shown.length, 1);
	const width = Math.min(70, slot * 0.6);
	const first = shown[0]?.declaredAt;
	const withYear =
		first !== undefined && spansYears(first, shown.at(-1)?.declaredAt, format.timezone);
	const duration = (minutes: number) => formatDuration(minutes, format.locale);
	const bars = shown.map((d, i): TrendBar => {
		const minutes = d.actualMinutes ?? 0;
		const current = d.incidentId === currentId;
		const over = plan > 0 && minutes > plan;
		const state = !d.finished
			? ` (${m.drill_trend_running()})`
			: over
				? ` (${m.drill_trend_over({ duration: duration(minutes - plan) })})`
				: '';
		const label = `${duration(minutes)}${state}`;
		const date = formatDay(d.declaredAt, format.timezone, format.locale, { withYear });
		return {
			incidentId: d.incidentId,
			x: TREND_LEFT + i * slot + (slot - width) / 2,
			y: y(minutes),
			width,
			height: baseline - y(minutes),
			tone: current ? 'current' : over ? 'over' : 'within',
			label,
			date,
			current,
			tip: `${d.title} · ${date} · ${label}`
		};
	});
	return {
		bars,
		plan: plan > 0 ? { y: y(plan), label: m.drill_trend_plan({ duration: duration(plan) }) } : null,
		baseline
	};
}
