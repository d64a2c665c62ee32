import { describe, expect, it } from 'vitest';
import { formatDuration, formatDurationMs } from '../../src/lib/time/duration';
import {
	dateFormatter,
	formatDay,
	formatMoment,
	formatTime,
	spansYears
} from '../../src/lib/time/format';

const PARIS = 'Europe/Paris';
/** The reader's clock: 1 December 2026 in Paris. */
const NOW = Date.parse('2026-12-01T22:00:00Z');
const MIN = 60_000;
const HOUR = 60 * MIN;

describe('durations', () => {
	it('read in minutes under an hour, hours and minutes under a day, in both languages', () => {
		for (const locale of ['en', 'fr']) {
			expect(formatDuration(0, locale)).toBe('0 min');
			expect(formatDuration(24, locale)).toBe('24 min');
			expect(formatDuration(59.6, locale)).toBe('1 h');
			expect(formatDuration(17 * 60 + 8, locale)).toBe('17 h 08 min');
			expect(formatDuration(5 * 60, locale)).toBe('5 h');
			expect(formatDuration(23 * 60 + 59, locale)).toBe('23 h 59 min');
		}
	});

	it('read in days and hours from a day on: "2 d 4 h" in English, "2 j 4 h" in French', () => {
		const long = 2 * 24 * 60 + 4 * 60 + 10;
		expect(formatDuration(long, 'en')).toBe('2 d 4 h');
		expect(formatDuration(long, 'fr')).toBe('2 j 4 h');
		expect(formatDuration(24 * 60, 'en')).toBe('1 d');
		expect(formatDuration(24 * 60, 'fr')).toBe('1 j');
		// To the nearest hour: 1 d 23 h 40 reads as two days.
		expect(formatDuration(47 * 60 + 40, 'en')).toBe('2 d');
		// The outage the issue quotes: "52735 h 47" now reads in days.
		expect(formatDuration(52_735 * 60 + 47, 'en')).toBe('2197 d 8 h');
		expect(formatDuration(52_735 * 60 + 47, 'fr')).toBe('2197 j 8 h');
	});

	it('never read negative, and take milliseconds too', () => {
		expect(formatDuration(-15, 'en')).toBe('0 min');
		expect(formatDuration(Number.NaN, 'en')).toBe('0 min');
		expect(formatDurationMs(17 * HOUR + 8 * MIN + 20_000, 'fr')).toBe('17 h 08 min');
	});
});

describe('dates', () => {
	it('omit the year in the current year, in both languages', () => {
		const at = '2026-11-25T04:15:00Z';
		expect(formatTime(at, PARIS, 'en', { now: NOW })).toBe('25 Nov, 05:15');
		expect(formatTime(at, PARIS, 'fr', { now: NOW })).toBe('25 nov., 05:15');
		expect(formatDay(at, PARIS, 'en', { now: NOW })).toBe('25 Nov');
	});

	it('carry the year when it is not the current one, in both languages', () => {
		const at = '2020-03-14T04:15:00Z';
		expect(formatTime(at, PARIS, 'en', { now: NOW })).toBe('14 Mar 2020, 05:15');
		expect(formatTime(at, PARIS, 'fr', { now: NOW })).toBe('14 mars 2020, 05:15');
		expect(formatDay(at, PARIS, 'fr', { now: NOW })).toBe('14 mars 2020');
		expect(formatMoment(at, PARIS, 'en', NOW)).toBe('14 Mar 2020, 05:15');
	});

	it('at the year boundary: the year follows the zone, not UTC', () => {
		// 23:30 UTC on 31 December 2025 is already 2026 in Paris.
		const newYear = '2025-12-31T23:30:00Z';
		expect(formatTime(newYear, PARIS, 'en', { now: NOW })).toBe('01 Jan, 00:30');
		expect(formatTime(newYear, 'UTC', 'en', { now: NOW })).toBe('31 Dec 2025, 23:30');
		expect(formatTime(newYear, 'UTC', 'fr', { now: NOW })).toBe('31 déc. 2025, 23:30');
		expect(spansYears('2025-12-31T20:00:00Z', '2026-01-01T06:00:00Z', PARIS)).toBe(true);
		expect(spansYears('2025-12-31T20:00:00Z', '2025-12-31T22:30:00Z', PARIS)).toBe(false);
		expect(spansYears('2025-12-31T20:00:00Z', '2025-12-31T23:30:00Z', PARIS)).toBe(true);
	});

	it('of an incident that spans years carry the year even in the current year', () => {
		// A night across New Year, read on 1 January: both its dates say their year.
		const reader = Date.parse('2026-01-01T12:00:00Z');
		const withYear = spansYears('2025-12-31T20:00:00Z', '2026-01-01T06:00:00Z', PARIS);
		expect(formatTime('2025-12-31T20:00:00Z', PARIS, 'en', { withYear, now: reader })).toBe(
			'31 Dec 2025, 21:00'
		);
		expect(formatTime('2026-01-01T06:00:00Z', PARIS, 'en', { withYear, now: reader })).toBe(
			'01 Jan 2026, 07:00'
		);
		expect(formatTime('2026-01-01T06:00:00Z', PARIS, 'fr', { withYear, now: reader })).toBe(
			'01 janv. 2026, 07:00'
		);
		// A moment of such a night is dated too, not shortened to its time of day.
		expect(formatMoment('2026-01-01T06:00:00Z', PARIS, 'en', reader, { withYear })).toBe(
			'01 Jan 2026, 07:00'
		);
	});

	it('of a multi-day span each carry their own day', () => {
		const days = ['2026-11-20T18:00:00Z', '2026-11-22T03:00:00Z', '2026-11-23T18:00:00Z'];
		expect(days.map((d) => formatTime(d, PARIS, 'en', { now: NOW }))).toEqual([
			'20 Nov, 19:00',
			'22 Nov, 04:00',
			'23 Nov, 19:00'
		]);
		expect(days.map((d) => formatTime(d, PARIS, 'fr', { now: NOW }))).toEqual([
			'20 nov., 19:00',
			'22 nov., 04:00',
			'23 nov., 19:00'
		]);
		expect(
			formatDuration((Date.parse(days[2] ?? '') - Date.parse(days[0] ?? '')) / MIN, 'en')
		).toBe('3 d');
	});
});

describe('cached formatters', () => {
	it('give each locale and zone its own output, whatever was formatted before', () => {
		const at = '2026-11-25T04:15:00Z';
		const expected = {
			'en Europe/Paris': '25 Nov, 05:15',
			'fr Europe/Paris': '25 nov., 05:15',
			'en America/New_York': '24 Nov, 23:15',
			'fr Asia/Tokyo': '25 nov., 13:15',
			'en UTC': '25 Nov, 04:15'
		};
		const cases = Object.keys(expected) as (keyof typeof expected)[];
		// Twice over, interleaved: a formatter built for one reader never answers for another.
		for (const key of [...cases, ...[...cases].reverse()]) {
			const [locale = 'en', zone = 'UTC'] = key.split(' ');
			expect(formatTime(at, zone, locale, { now: NOW })).toBe(expected[key]);
		}
		expect(formatDay(at, 'America/New_York', 'fr', { now: NOW })).toBe('24 nov.');
		expect(formatDay(at, PARIS, 'fr', { now: NOW })).toBe('25 nov.');
	});

	it('are built once for the same locale, zone and options', () => {
		const options = { timeZone: PARIS, hour: '2-digit', minute: '2-digit' } as const;
		expect(dateFormatter('fr-FR', options)).toBe(dateFormatter('fr-FR', { ...options }));
		expect(dateFormatter('fr-FR', options)).not.toBe(dateFormatter('en-GB', options));
		expect(dateFormatter('fr-FR', options)).not.toBe(
			dateFormatter('fr-FR', { ...options, timeZone: 'UTC' })
		);
	});
});
