import { dateFormatter } from './format';
import { intlLocale } from './locale';

/**
 * Whose clock the room's times follow: the reader's own zone, or the incident's (where the shop
 * is). People in several zones work one night: a time without its zone is a time misread.
 */
export const CLOCKS = ['mine', 'incident'] as const;
export type Clock = (typeof CLOCKS)[number];
export const CLOCK_COOKIE = 'nightshift_clock';

export function clockOf(value: string | undefined): Clock {
	return CLOCKS.find((c) => c === value) ?? 'mine';
}

/** "CET", "GMT-5", "UTC": the short name of a zone at an instant (summer time changes it). */
export function zoneAbbreviation(timeZone: string, locale = 'en', at: Date = new Date()): string {
	const parts = dateFormatter(intlLocale(locale), {
		timeZone,
		timeZoneName: 'short'
	}).formatToParts(at);
	return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}

/** True when two zones show different wall clocks at that instant. */
export function zonesDiffer(a: string, b: string, at: Date = new Date()): boolean {
	const wall = (timeZone: string) =>
		dateFormatter('en-CA', {
			timeZone,
			dateStyle: 'short',
			timeStyle: 'short',
			hourCycle: 'h23'
		}).format(at);
	return wall(a) !== wall(b);
}
