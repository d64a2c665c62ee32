import { describe, expect, it } from 'vitest';
import {
	computeEta,
	computeProgress,
	isLate,
	overrunMinutes,
	remainingMinutes
} from '../../src/lib/runbooks/schedule';
import { at, run, step, T0 } from './runbooks-fixtures';

const minutes = (n: number) => T0 + n * 60_000;

describe('ETA', () => {
	it('before anything starts, the ETA is now plus the planned critical path', () => {
		const r = run([
			step('a', { state: 'ready', plannedMinutes: 60 }),
			step('b', { plannedMinutes: 120, dependsOn: ['a'] }),
			step('c', { state: 'ready', plannedMinutes: 30 })
		]);
		const eta = computeEta(r, minutes(0));
		expect(eta.at).toBe(at(180));
		expect(eta.delayMinutes).toBe(0);
		expect(eta.critical.map((c) => [c.id, c.minutes])).toEqual([
			['a', 60],
			['b', 120]
		]);
	});

	it('counts the remaining planned time of a step in progress and nothing for done steps', () => {
		const r = run([
			step('a', { state: 'done', plannedMinutes: 60, startedAt: at(0), endedAt: at(50) }),
			step('b', { state: 'in_progress', plannedMinutes: 120, dependsOn: ['a'], startedAt: at(50) }),
			step('c', { plannedMinutes: 30, dependsOn: ['b'] })
		]);
		// At 80: b has run 30 of its 120 minutes → 90 left, then c's 30.
		const eta = computeEta(r, minutes(80));
		expect(eta.remainingMinutes).toBe(120);
		expect(eta.at).toBe(at(200));
		expect(eta.critical.map((c) => c.id)).toEqual(['b', 'c']);
		// The plan ended at 210 (60 + 120 + 30): ten minutes ahead.
		expect(eta.delayMinutes).toBe(-10);
	});

	it('clamps a late step in progress at zero remaining and flags it late', () => {
		const late = step('b', {
			state: 'in_progress',
			plannedMinutes: 20,
			startedAt: at(0)
		});
		const r = run([late, step('c', { plannedMinutes: 30, dependsOn: ['b'] })]);
		const now = minutes(45);
		expect(remainingMinutes(late, now)).toBe(0);
		expect(isLate(late, now)).toBe(true);
		expect(overrunMinutes(late, now)).toBe(25);
		const eta = computeEta(r, now);
		expect(eta.at).toBe(at(75));
		expect(eta.critical[0]).toMatchObject({ id: 'b', minutes: 0, late: true, overMinutes: 25 });
		expect(eta.delayMinutes).toBe(25);
	});

	it('a blocked step keeps its clock running; a failed step counts its whole duration again', () => {
		const blocked = step('x', { state: 'blocked', plannedMinutes: 30, startedAt: at(0) });
		const failed = step('y', {
			state: 'failed',
			plannedMinutes: 30,
			startedAt: at(0),
			endedAt: at(10)
		});
		expect(remainingMinutes(blocked, minutes(10))).toBe(20);
		expect(remainingMinutes(failed, minutes(10))).toBe(30);
		expect(isLate(failed, minutes(100))).toBe(false);
	});

	it('when every step is finished, the ETA is the last end and there is no critical step', () => {
		const r = run([
			step('a', { state: 'done', plannedMinutes: 30, startedAt: at(0), endedAt: at(40) }),
			step('b', { state: 'skipped', plannedMinutes: 30, dependsOn: ['a'], endedAt: at(41) })
		]);
		const eta = computeEta(r, minutes(500));
		expect(eta).toMatchObject({ finished: true, at: at(41), critical: [], delayMinutes: -19 });
	});
});

describe('progress', () => {
	it('counts done and skipped over all steps, by phase too', () => {
		const progress = computeProgress([
			step('a', { phase: 'Mobilise', state: 'done' }),
			step('b', { phase: 'Mobilise', state: 'skipped' }),
			step('c', { phase: 'Reinstall', state: 'done' }),
			step('d', { phase: 'Reinstall', state: 'in_progress' }),
			step('e', { phase: 'Reinstall', state: 'failed' }),
			step('f', { phase: 'Reinstall', state: 'pending' })
		]);
		expect(progress).toMatchObject({ finished: 3, total: 6, percent: 50 });
		expect(progress.phases).toEqual([
			{ phase: 'Mobilise', finished: 2, total: 2, percent: 100 },
			{ phase: 'Reinstall', finished: 1, total: 4, percent: 25 }
		]);
	});
});
