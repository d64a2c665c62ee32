import { describe, expect, it } from 'vitest';
import { spreadLanes } from '../../src/lib/charts/lanes';
import { chooseStep, timeAxis, type TimeAxisOptions } from '../../src/lib/charts/time-axis';
import { nightChartLayout } from '../../src/lib/postmortems/night-chart';

/** The reader's clock: 1 December 2026 in Paris. */
const NOW = Date.parse('2026-12-01T22:00:00Z');
const PARIS: TimeAxisOptions = { timezone: 'Europe/Paris', locale: 'en', width: 660, now: NOW };
const MIN = 60_000;

const axisOf = (from: string, to: string, options: Partial<TimeAxisOptions> = {}) =>
	timeAxis(Date.parse(from), Date.parse(to), { ...PARIS, ...options });
const lines = (axis: ReturnType<typeof timeAxis>) =>
	axis.ticks.map((t) => (t.context ? `${t.label} | ${t.context}` : t.label));
const gaps = (axis: ReturnType<typeof timeAxis>) =>
	axis.ticks.slice(1).map((t, i) => t.at - (axis.ticks[i]?.at ?? 0));

describe("the chart's time axis", () => {
	it('ten minutes: a tick every two minutes, the date once', () => {
		const axis = axisOf('2026-11-21T20:03:00Z', '2026-11-21T20:13:00Z');
		expect(axis.step).toMatchObject({ unit: 'minute', count: 2 });
		expect(lines(axis)).toEqual(['21:04 | 21 Nov', '21:06', '21:08', '21:10', '21:12']);
	});

	it('seventeen hours: every three hours on round local hours', () => {
		// 05:15 to 22:23 Paris time (UTC+1 in November).
		const axis = axisOf('2026-11-21T04:15:00Z', '2026-11-21T21:23:00Z');
		expect(axis.step).toMatchObject({ unit: 'minute', count: 180 });
		expect(lines(axis)).toEqual(['06:00 | 21 Nov', '09:00', '12:00', '15:00', '18:00', '21:00']);
	});

	it('three days: every twelve hours, each new day dated at its midnight', () => {
		const axis = axisOf('2026-11-20T18:00:00Z', '2026-11-23T18:00:00Z');
		expect(axis.step).toMatchObject({ unit: 'minute', count: 720 });
		expect(lines(axis)).toEqual([
			'00:00 | 21 Nov',
			'12:00',
			'00:00 | 22 Nov',
			'12:00',
			'00:00 | 23 Nov',
			'12:00'
		]);
	});

	it('an incident back-dated six years: its dates carry the year, in French too', () => {
		const axis = axisOf('2020-03-14T04:15:00Z', '2020-03-14T21:23:00Z');
		expect(axis.step).toMatchObject({ unit: 'minute', count: 180 });
		expect(lines(axis)[0]).toBe('06:00 | 14 Mar 2020');
		const fr = axisOf('2020-03-14T04:15:00Z', '2020-03-14T21:23:00Z', { locale: 'fr' });
		expect(lines(fr)[0]).toBe('06:00 | 14 mars 2020');
	});

	it('a night across New Year dates both days with their years', () => {
		const axis = axisOf('2025-12-31T20:00:00Z', '2026-01-01T06:00:00Z');
		expect(lines(axis)).toEqual([
			'22:00 | 31 Dec 2025',
			'00:00 | 1 Jan 2026',
			'02:00',
			'04:00',
			'06:00'
		]);
	});

	it('years of data: one tick a year, no overlap', () => {
		const axis = axisOf('2020-03-14T04:15:00Z', '2026-11-30T21:23:00Z');
		expect(axis.step).toMatchObject({ unit: 'year', count: 1 });
		expect(lines(axis)).toEqual(['2021', '2022', '2023', '2024', '2025', '2026']);
	});

	it('keeps round wall-clock hours through a change of daylight saving time', () => {
		// 29 March 2026: Paris goes from UTC+1 to UTC+2 at 02:00.
		const axis = axisOf('2026-03-28T23:00:00Z', '2026-03-29T07:00:00Z');
		// 02:00 never happens that night: one real hour from 01:00 to 03:00.
		expect(lines(axis)).toEqual([
			'00:00 | 29 Mar',
			'01:00',
			'03:00',
			'04:00',
			'05:00',
			'06:00',
			'07:00',
			'08:00',
			'09:00'
		]);
		expect(new Set(gaps(axis))).toEqual(new Set([60 * MIN]));
	});

	it('never gives more ticks than labels fit across the width', () => {
		for (const span of [1, 10, 45, 600, 1020, 4320, 20_000, 200_000, 3_200_000]) {
			for (const width of [300, 660, 1200]) {
				const axis = timeAxis(NOW - span * MIN, NOW, { ...PARIS, width });
				expect(axis.ticks.length * 78).toBeLessThanOrEqual(Math.max(2 * 78, width) + 78);
				expect(axis.ticks.length).toBeGreaterThanOrEqual(1);
			}
		}
		expect(chooseStep(10 * MIN, 660, 78)).toMatchObject({ unit: 'minute', count: 2 });
	});
});

describe('markers that fall together', () => {
	const lanes = (placed: { lane: number }[]) => placed.map((p) => p.lane);

	it('spread over lanes so none overlaps another on its lane, each at its time', () => {
		const placed = spreadLanes([100, 101, 102, 300, 130], 20, 4);
		expect(lanes(placed)).toEqual([0, 1, 2, 0, 0]);
		expect(placed.map((p) => p.x)).toEqual([100, 101, 102, 300, 130]);
	});

	it('once every lane is taken, move along the lane that frees up first', () => {
		const placed = spreadLanes([10, 11, 12, 13, 14], 20, 2);
		expect(placed).toEqual([
			{ lane: 0, x: 10 },
			{ lane: 1, x: 11 },
			{ lane: 0, x: 30 },
			{ lane: 1, x: 31 },
			{ lane: 0, x: 50 }
		]);
	});
});

describe("the post-mortem chart's axis, as drawn", () => {
	/** 11 px text is about 6.4 units a character; bold dates a little wider. */
	const width = (text: string) => text.length * 7 + 4;
	const chart = (from: string, minutes: number, locale = 'en') => {
		const start = Date.parse(from);
		const iso = (m: number) => new Date(start + m * MIN).toISOString();
		return nightChartLayout({
			detectedAt: iso(0),
			resolvedAt: iso(minutes),
			impactStart: null,
			now: NOW,
			statusChanges: [{ occurredAt: iso(minutes), to: 'resolved' }],
			keyEvents: [],
			steps: [],
			drill: false,
			timezone: 'Europe/Paris',
			locale
		});
	};

	for (const [name, from, minutes] of [
		['ten minutes', '2026-11-21T20:03:00Z', 10],
		['seventeen hours across midnight', '2026-11-21T05:52:00Z', 17 * 60 + 31],
		['three days', '2026-11-20T18:00:00Z', 3 * 24 * 60],
		['a night back-dated six years', '2020-06-24T04:52:00Z', 17 * 60 + 31]
	] as const) {
		it(`${name}: several dated ticks, no label over its neighbour, in both languages`, () => {
			for (const locale of ['en', 'fr']) {
				const { ticks } = chart(from, minutes, locale);
				expect(ticks.length).toBeGreaterThanOrEqual(4);
				expect(ticks[0]?.context).toBeTruthy();
				for (let i = 1; i < ticks.length; i++) {
					const [a, b] = [ticks[i - 1], ticks[i]];
					if (!a || !b) continue;
					expect(b.x - a.x).toBeGreaterThanOrEqual((width(a.label) + width(b.label)) / 2);
				}
				const dated = ticks.filter((t) => t.context !== null);
				for (let i = 1; i < dated.length; i++) {
					const [a, b] = [dated[i - 1], dated[i]];
					if (!a || !b) continue;
					expect(b.x - a.x).toBeGreaterThanOrEqual(
						(width(a.context ?? '') + width(b.context ?? '')) / 2
					);
				}
			}
		});
	}

	it('dates the day after midnight, and the year of a back-dated night', () => {
		const across = chart('2026-11-21T05:52:00Z', 17 * 60 + 31, 'fr').ticks;
		expect(across.flatMap((t) => (t.context ? [t.context] : []))).toEqual(['21 nov.', '22 nov.']);
		const old = chart('2020-06-24T04:52:00Z', 17 * 60 + 31).ticks;
		expect(old.flatMap((t) => (t.context ? [t.context] : []))).toEqual([
			'24 Jun 2020',
			'25 Jun 2020'
		]);
	});
});
