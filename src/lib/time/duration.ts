import { m } from '$lib/paraglide/messages';

type Locale = 'en' | 'fr';

function messageLocale(locale: string | undefined): { locale?: Locale } {
	return locale === 'fr' || locale === 'en' ? { locale } : {};
}

/**
 * How long something took, the one way it reads everywhere: "24 min", "17 h 08 min", "5 h",
 * "2 d 4 h" ("2 j 4 h" in French). Under a day it is to the minute; from a day on, to the hour
 * (rounded), since minutes no longer matter at that scale. Negative values read as zero: the
 * sign, where it matters, is the caller's ("+40 min", "−15 min").
 */
export function formatDuration(minutes: number, locale?: string): string {
	const options = messageLocale(locale);
	const total = Number.isFinite(minutes) ? Math.max(0, Math.round(minutes)) : 0;
	if (total < 60) return m.duration_minutes({ minutes: total }, options);
	if (total < 24 * 60) {
		const hours = Math.floor(total / 60);
		const rest = total % 60;
		return rest === 0
			? m.duration_hours({ hours }, options)
			: m.duration_hours_minutes({ hours, minutes: String(rest).padStart(2, '0') }, options);
	}
	const allHours = Math.round(total / 60);
	const days = Math.floor(allHours / 24);
	const hours = allHours % 24;
	return hours === 0
		? m.duration_days({ days }, options)
		: m.duration_days_hours({ days, hours }, options);
}

/** A duration given in milliseconds. */
export function formatDurationMs(ms: number, locale?: string): string {
	return formatDuration(ms / 60_000, locale);
}
