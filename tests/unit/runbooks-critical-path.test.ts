import { describe, expect, it } from 'vitest';
import { longestPath } from '../../src/lib/runbooks/graph';
import { plannedCriticalPath, plannedSchedule } from '../../src/lib/runbooks/schedule';
import { at, run, step, T0 } from './runbooks-fixtures';

describe('critical path', () => {
	it('is the longest chain by duration, not by number of steps', () => {
		// a(10) → b(10) → c(10) is 30 min over 3 steps; a(10) → long(45) is 55 min over 2.
		const steps = [
			step('a', { plannedMinutes: 10 }),
			step('b', { plannedMinutes: 10, dependsOn: ['a'] }),
			step('c', { plannedMinutes: 10, dependsOn: ['b'] }),
			step('long', { plannedMinutes: 45, dependsOn: ['a'] }),
			step('end', { plannedMinutes: 5, dependsOn: ['c', 'long'] })
		];
		expect(plannedCriticalPath(steps)).toEqual({ ids: ['a', 'long', 'end'], minutes: 60 });
	});

	it('takes the heavier of parallel branches and reports each node’s earliest finish', () => {
		const result = longestPath([
			{ id: 'x', dependsOn: [], weight: 20 },
			{ id: 'y', dependsOn: [], weight: 50 },
			{ id: 'z', dependsOn: ['x', 'y'], weight: 5 }
		]);
		expect(result.path).toEqual(['y', 'z']);
		expect(result.length).toBe(55);
		expect(result.finish.get('x')).toBe(20);
		expect(result.finish.get('z')).toBe(55);
	});

	it('throws on a cycle rather than returning a wrong path', () => {
		expect(() =>
			longestPath([
				{ id: 'a', dependsOn: ['b'], weight: 1 },
				{ id: 'b', dependsOn: ['a'], weight: 1 }
			])
		).toThrow(/cycle/);
	});

	it('the planned schedule starts each step when its last dependency ends', () => {
		const schedule = plannedSchedule(
			run([
				step('a', { plannedMinutes: 30 }),
				step('b', { plannedMinutes: 60 }),
				step('c', { plannedMinutes: 15, dependsOn: ['a', 'b'] })
			])
		);
		expect(schedule.get('c')).toEqual({
			start: Date.parse(at(60)),
			end: Date.parse(at(75))
		});
		expect(schedule.get('a')).toEqual({ start: T0, end: Date.parse(at(30)) });
	});
});
