import { describe, expect, it } from 'vitest';
import {
	initialState,
	stepsToDemote,
	stepsToPromote,
	unmetDependencies
} from '../../src/lib/runbooks/readiness';
import { step } from './runbooks-fixtures';

describe('readiness from dependencies', () => {
	it('a step without dependencies starts ready, one with dependencies pending', () => {
		expect(initialState([])).toBe('ready');
		expect(initialState(['a'])).toBe('pending');
	});

	it('a pending step becomes ready only when every dependency is done or skipped', () => {
		const steps = [
			step('a', { state: 'done' }),
			step('b', { state: 'skipped' }),
			step('c', { state: 'in_progress' }),
			step('ab', { dependsOn: ['a', 'b'] }),
			step('ac', { dependsOn: ['a', 'c'] })
		];
		expect(stepsToPromote(steps).map((s) => s.id)).toEqual(['ab']);
		expect(unmetDependencies(steps[4] ?? step('x'), steps).map((s) => s.id)).toEqual(['c']);
	});

	it('a failed or blocked dependency keeps its dependents pending', () => {
		const steps = [
			step('a', { state: 'failed' }),
			step('b', { state: 'blocked' }),
			step('c', { dependsOn: ['a'] }),
			step('d', { dependsOn: ['b'] })
		];
		expect(stepsToPromote(steps)).toEqual([]);
	});

	it('steps already ready, started or finished are not promoted again', () => {
		const steps = [step('a', { state: 'ready' }), step('b', { state: 'done' })];
		expect(stepsToPromote(steps)).toEqual([]);
	});

	it('a ready step whose dependency was reopened goes back to pending', () => {
		const steps = [
			step('a', { state: 'in_progress' }),
			step('b', { state: 'ready', dependsOn: ['a'] }),
			step('c', { state: 'in_progress', dependsOn: ['a'] })
		];
		expect(stepsToDemote(steps).map((s) => s.id)).toEqual(['b']);
	});
});
