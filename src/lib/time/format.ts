import { intlLocale } from './locale';

export interface DateOptions {
	/** Show the year even in the current year: the dates around it span years. */
	withYear?: boolean;
	/** The reader's clock, which decides whether a date needs its year. */
	now?: number;
}

function yearIn(at: Date | number, timeZone: string): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric' }).format(at);
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

/**
 * "25 Nov, 05:15", "25 Nov 2019, 05:15": times render in the person's own timezone; tabular
 * digits keep columns aligned; the year shows whenever it is not this year's.
 */
export function formatTime(
	iso: string | Date | number,
	timeZone: string,
	locale = 'en',
	options: DateOptions = {}
): string {
	const date = new Date(iso);
	return new Intl.DateTimeFormat(intlLocale(locale), {
		timeZone,
		day: '2-digit',
		month: 'short',
		...(needsYear(date, timeZone, options) ? { year: 'numeric' as const } : {}),
		hour: '2-digit',
		minute: '2-digit'
	}).format(date);
}

/** "25 Nov", "5 Nov 2019" (fr: "5 nov. 2019"): a day without its time. */
export function formatDay(
	iso: string | Date | number,
	timeZone: string,
	locale = 'en',
	options: DateOptions = {}
): string {
	const date = new Date(iso);
	return new Intl.DateTimeFormat(intlLocale(locale), {
		timeZone,
		day: 'numeric',
		month: 'short',
		...(needsYear(date, timeZone, options) ? { year: 'numeric' as const } : {})
	}).format(date);
}

/** "23:10": the time of day only, where the day is obvious. */
export function formatHourMinute(
	iso: string | number | Date,
	timeZone: string,
	locale = 'en'
): string {
	return new Intl.DateTimeFormat(intlLocale(locale), {
		timeZone,
		hour: '2-digit',
		minute: '2-digit'
	}).format(new Date(iso));
}

/** "Sat 13:10": the weekday matters for a run that goes through the night. */
export function formatClock(iso: string | number | Date, timeZone: string, locale = 'en'): string {
	return new Intl.DateTimeFormat(intlLocale(locale), {
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
	const day = (d: Date) =>
		new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' }).format(d);
	if (options.withYear !== true) {
		if (day(date) === day(new Date(now))) return formatHourMinute(date, timeZone, locale);
		if (Math.abs(now - date.getTime()) < 6 * 86_400_000) return formatClock(date, timeZone, locale);
	}
	return formatTime(date, timeZone, locale, { ...options, now });
}
