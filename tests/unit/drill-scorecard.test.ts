import { describe, expect, it } from 'vitest';
import {
	drillTotals,
	phaseDurations,
	scoreDrill,
	slippedSteps,
	type DrillRecord
} from '../../src/lib/drills/scorecard';
import { render } from 'svelte/server';
import TrendChart from '../../src/lib/drills/TrendChart.svelte';
import { at, figureInput, figureStep, FORMAT, ran, T0 } from './postmortem-fixtures';

/** mobilise (30) → rebuild a (60) ┐ → verify (20); rebuild b (40) ┘: planned 110 minutes. */
function record(
	id: string,
	declared: number,
	ends: Record<string, [number, number]>,
	endedAt: number | null
): DrillRecord {
	const step = (
		key: string,
		phase: string,
		planned: number,
		dependsOn: string[],
		position: number
	) => {
		const times = ends[key];
		return times
			? ran(key, declared + times[0], declared + times[1], {
					phase,
					plannedMinutes: planned,
					dependsOn,
					position
				})
			: figureStep(key, { phase, plannedMinutes: planned, dependsOn, position, state: 'pending' });
	};
	return {
		incidentId: id,
		title: `Drill ${id}`,
		declaredAt: at(declared),
		endedAt: endedAt === null ? null : at(declared + endedAt),
		run: {
			startedAt: at(declared),
			steps: [
				step('mobilise', 'Mobilise', 30, [], 1),
				step('a', 'Rebuild', 60, ['mobilise'], 2),
				step('b', 'Rebuild', 40, ['mobilise'], 3),
				step('verify', 'Verify', 20, ['a', 'b'], 4)
			]
		}
	};
}

const DAY = 1440;
const earlier = record(
	'one',
	-20 * DAY,
	{ mobilise: [0, 40], a: [40, 130], b: [40, 70], verify: [130, 150] },
	150
);
const current = record('two', 0, { mobilise: [0, 25], a: [25, 95] }, 100);

describe('a drill’s scorecard', () => {
	it('totals the drill from the run’s start to its end, against the planned critical path', () => {
		expect(drillTotals(earlier, T0)).toMatchObject({
			actualMinutes: 150,
			plannedMinutes: 110,
			finished: true
		});
		const running = { ...current, endedAt: null };
		expect(drillTotals(running, T0 + 60 * 60_000)).toMatchObject({
			actualMinutes: 60,
			finished: false
		});
	});

	it('measures each phase from its first start to its last end, and knows an unfinished one', () => {
		expect(phaseDurations(earlier, T0)).toEqual([
			{ phase: 'Mobilise', plannedMinutes: 30, actualMinutes: 40, finished: true },
			{ phase: 'Rebuild', plannedMinutes: 60, actualMinutes: 90, finished: true },
			{ phase: 'Verify', plannedMinutes: 20, actualMinutes: 20, finished: true }
		]);
		expect(phaseDurations(current, T0)[1]).toEqual({
			phase: 'Rebuild',
			plannedMinutes: 60,
			actualMinutes: 70,
			finished: false
		});
	});

	it('names the steps that slipped most, worst first', () => {
		expect(slippedSteps(earlier).map((s) => [s.title, s.overMinutes])).toEqual([
			['a', 30],
			['mobilise', 10]
		]);
	});

	it('compares each phase with the earlier drills, oldest first', () => {
		const older = record('zero', -40 * DAY, { mobilise: [0, 35] }, 200);
		const card = scoreDrill(
			{ record: current, input: figureInput({ run: current.run }) },
			[earlier, older],
			FORMAT
		);
		expect(card.earlier.map((d) => d.incidentId)).toEqual(['zero', 'one']);
		expect(card.phases[0]).toMatchObject({
			phase: 'Mobilise',
			actualMinutes: 25,
			earlier: [35, 40]
		});
		expect(card.phases[2]).toMatchObject({
			phase: 'Verify',
			actualMinutes: null,
			earlier: [null, 20]
		});
	});

	it('draws one bar per drill, this one named, and the plan as a line', () => {
		const drills = [drillTotals(earlier, T0), drillTotals(current, T0)];
		const svg = render(TrendChart, { props: { drills, currentId: 'two', ...FORMAT } }).body;
		expect(svg.match(/<rect x=/g)).toHaveLength(2);
		expect(svg).toContain('this drill');
		expect(svg).toContain('plan 1 h 50 min');
		expect(svg).toContain('2 h 30 min');
	});
});
