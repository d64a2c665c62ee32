import { intlLocale } from './locale';

export interface DateOptions {
	/** Show the year even in the current year: the dates around it span years. */
	withYear?: boolean;
	/** The reader's clock, which decides whether a date needs its year. */
	now?: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * One formatter per locale, zone and options, built once: building costs far more than
 * formatting, and a long night's timeline formats thousands of times. The keys are few (a
 * handful of shapes for each reader's locale and zones), so the cache stays small.
 */
export function dateFormatter(
	locale: string,
	options: Intl.DateTimeFormatOptions
): Intl.DateTimeFormat {
	const key = JSON.stringify([locale, options]);
	let formatter = formatters.get(key);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat(locale, options);
		formatters.set(key, formatter);
	}
	return formatter;
}

function yearIn(at: Date | number, timeZone: string): string {
	return dateFormatter('en-CA', { timeZone, year: 'numeric' }).format(at);
}

/** Whether two instants fall in different years in the zone (a night across New Year). */
export function spansYears(
	from: string | number | Date,
	to: string | number | Date | null | undefined,
	timeZone: string
): boolean {
	if (to === null || to === undefined) return false;
	return yearIn(new Date(from), timeZone) !== yearIn(new Date(to), timeZone);
}

/** A date carries its year when it is not the reader's current year, or when asked to. */
export function needsYear(date: Date, timeZone: string, options: DateOptions = {}): boolean {
	return (
		options.withYear === true ||
		yearIn(date, timeZone) !== yearIn(options.now ?? Date.now(), timeZone)
	);
}

/** A formatter of dates with the given fields, and the year whenever it is not this year's. */
function datedFormat(fields: Intl.DateTimeFormatOptions) {
	return (
		iso: string | Date | number,
		timeZone: string,
		locale = 'en',
		options: DateOptions = {}
	): string => {
		const date = new Date(iso);
		const year = needsYear(date, timeZone, options) ? { year: 'numeric' as const } : {};
		return dateFormatter(intlLocale(locale), { timeZone, ...fields, ...year }).format(date);
	};
}

/**
 * "25 Nov, 05:15", "25 Nov 2019, 05:15": times render in the person's own timezone; tabular
 * digits keep columns aligned; the year shows whenever it is not this year's.
 */
export const formatTime = datedFormat({
	day: '2-digit',
	month: 'short',
	hour: '2-digit',
	minute: '2-digit'
});

/** "25 Nov", "5 Nov 2019" (fr: "5 nov. 2019"): a day without its time. */
export const formatDay = datedFormat({ day: 'numeric', month: 'short' });

/** "23:10": the time of day only, where the day is obvious. */
export function formatHourMinute(
	iso: string | number | Date,
	timeZone: string,
	locale = 'en'
): string {
	return dateFormatter(intlLocale(locale), { timeZone, hour: '2-digit', minute: '2-digit' }).format(
		new Date(iso)
	);
}

/** "Sat 13:10": the weekday matters for a run that goes through the night. */
export function formatClock(iso: string | number | Date, timeZone: string, locale = 'en'): string {
	return dateFormatter(intlLocale(locale), {
		timeZone,
		weekday: 'short',
		hour: '2-digit',
		minute: '2-digit'
	}).format(new Date(iso));
}

/** "23:10" for today, "Mon 23:10" within the week, else a dated time: timeline rows stay narrow. */
export function formatMoment(
	iso: string | Date,
	timeZone: string,
	locale = 'en',
	now = Date.now(),
	options: DateOptions = {}
): string {
	const date = typeof iso === 'string' ? new Date(iso) : iso;
	const day = (d: Date) => dateFormatter('en-CA', { timeZone, dateStyle: 'short' }).format(d);
	if (options.withYear !== true) {
		if (day(date) === day(new Date(now))) return formatHourMinute(date, timeZone, locale);
		if (Math.abs(now - date.getTime()) < 6 * 86_400_000) return formatClock(date, timeZone, locale);
	}
	return formatTime(date, timeZone, locale, { ...options, now });
}
