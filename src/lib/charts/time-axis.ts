/**
 * Date/time ticks for a chart's time axis, in the reader's timezone: a step chosen so the
 * labels never overlap (from minutes to years), ticks on round wall-clock times of that zone
 * (14:00, midnight, the 1st of a month), and two-line labels: the time on the first line, the
 * date on the second wherever the date changes. A date carries its year when it is not the
 * current year or the axis spans years.
 */
import { TZDate } from '@date-fns/tz';
import { intlLocale } from '$lib/time/locale';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type TickUnit = 'minute' | 'day' | 'month' | 'year';

/** One candidate spacing: `count` units; `approx` is its length, used to choose it. */
export interface TickStep {
	unit: TickUnit;
	count: number;
	approx: number;
}

const STEPS: TickStep[] = [
	...[1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720].map((count) => ({
		unit: 'minute' as const,
		count,
		approx: count * MINUTE
	})),
	{ unit: 'day', count: 1, approx: DAY },
	{ unit: 'day', count: 2, approx: 2 * DAY },
	{ unit: 'day', count: 7, approx: 7 * DAY },
	{ unit: 'day', count: 14, approx: 14 * DAY },
	...[1, 3, 6].map((count) => ({ unit: 'month' as const, count, approx: count * 30.44 * DAY })),
	...[1, 2, 5, 10, 25, 50, 100].map((count) => ({
		unit: 'year' as const,
		count,
		approx: count * 365.25 * DAY
	}))
];

export interface TimeTick {
	at: number;
	/** First line: "14:00", "25 Nov" or "Nov" depending on the step. */
	label: string;
	/** Second line, only where it changes from the tick before: "25 Nov", "25 Nov 2019", "2019". */
	context: string | null;
}

export interface TimeAxisOptions {
	timezone: string;
	locale: string;
	/** Width the axis is drawn on, in the unit the labels are measured in. */
	width: number;
	/** The reader's clock, which decides whether a date needs its year. */
	now: number;
	/** Room one label needs (its widest line plus a gap); default suits 11 px text. */
	labelWidth?: number;
}

export interface TimeAxis {
	step: TickStep;
	ticks: TimeTick[];
}

/** The smallest step whose ticks, each a label wide, fit the width. */
export function chooseStep(span: number, width: number, labelWidth: number): TickStep {
	const fit = Math.max(2, Math.floor(width / labelWidth));
	return STEPS.find((s) => span / s.approx <= fit) ?? (STEPS.at(-1) as TickStep);
}

interface Wall {
	year: number;
	month: number;
	day: number;
}

function wall(at: number, timezone: string): Wall {
	const z = new TZDate(at, timezone);
	return { year: z.getFullYear(), month: z.getMonth(), day: z.getDate() };
}

/** Whether two instants fall on the same calendar day in the zone. */
export function sameLocalDay(a: number, b: number, timezone: string): boolean {
	const [x, y] = [wall(a, timezone), wall(b, timezone)];
	return x.year === y.year && x.month === y.month && x.day === y.day;
}

function instant(timezone: string, year: number, month: number, day: number, minutes = 0): number {
	return new TZDate(year, month, day, 0, minutes, 0, timezone).getTime();
}

/** Every wall-clock multiple of the step between start and end, in the zone. */
export function tickTimes(start: number, end: number, step: TickStep, timezone: string): number[] {
	const times: number[] = [];
	const first = wall(start, timezone);
	const push = (at: number) => {
		if (at >= start && at <= end && times.at(-1) !== at) times.push(at);
	};
	if (step.unit === 'minute') {
		// Day by day from the first local midnight, so ticks stay on round local hours across DST.
		for (let d = 0; ; d++) {
			const midnight = instant(timezone, first.year, first.month, first.day + d);
			if (midnight > end) break;
			for (let m = 0; m < 24 * 60; m += step.count) {
				push(instant(timezone, first.year, first.month, first.day + d, m));
			}
		}
	} else if (step.unit === 'day') {
		for (let d = 0; ; d++) {
			const at = instant(timezone, first.year, first.month, first.day + d);
			if (at > end) break;
			const local = wall(at, timezone);
			// Days counted from a Monday (5 January 1970), so weekly ticks fall on Mondays.
			const index = Math.round((Date.UTC(local.year, local.month, local.day) - 4 * DAY) / DAY);
			if (step.count === 1 || index % step.count === 0) push(at);
		}
	} else {
		const months = step.unit === 'month' ? step.count : step.count * 12;
		for (let m = 0; ; m++) {
			const at = instant(timezone, first.year, first.month + m, 1);
			if (at > end) break;
			const local = wall(at, timezone);
			if ((local.year * 12 + local.month) % months === 0) push(at);
		}
	}
	return times;
}

function formatter(locale: string, timezone: string, options: Intl.DateTimeFormatOptions) {
	const format = new Intl.DateTimeFormat(intlLocale(locale), {
		timeZone: timezone,
		...options
	});
	return (at: number) => format.format(new Date(at));
}

/** The axis from start to end: the step, and each tick with its label lines. */
export function timeAxis(start: number, end: number, options: TimeAxisOptions): TimeAxis {
	const { timezone, locale, width, now } = options;
	const safeEnd = Math.max(end, start + MINUTE);
	const step = chooseStep(safeEnd - start, width, options.labelWidth ?? 78);
	const times = tickTimes(start, safeEnd, step, timezone);
	const thisYear = wall(now, timezone).year;
	const spansYears = wall(start, timezone).year !== wall(safeEnd, timezone).year;
	const withYear = spansYears || wall(start, timezone).year !== thisYear;
	const time = formatter(locale, timezone, { hour: '2-digit', minute: '2-digit' });
	const date = formatter(locale, timezone, {
		day: 'numeric',
		month: 'short',
		...(withYear ? { year: 'numeric' } : {})
	});
	const dayMonth = formatter(locale, timezone, { day: 'numeric', month: 'short' });
	const month = formatter(locale, timezone, { month: 'short' });
	const year = formatter(locale, timezone, { year: 'numeric' });

	const lines = (at: number): [string, string] => {
		if (step.unit === 'minute') return [time(at), date(at)];
		if (step.unit === 'day') return [dayMonth(at), withYear ? year(at) : ''];
		if (step.unit === 'month') return [month(at), year(at)];
		return [year(at), ''];
	};
	let previous = '';
	const ticks = times.map((at) => {
		const [label, context] = lines(at);
		const shown = context !== '' && context !== previous ? context : null;
		previous = context;
		return { at, label, context: shown };
	});
	return { step, ticks };
}
