import { describe, expect, it } from 'vitest';
import {
	actualCriticalPath,
	criticalPathSlippage,
	stepVariances
} from '../../src/lib/postmortems/slippage';
import { at, figureInput, figureStep, FORMAT, ran, T0, timeline } from './postmortem-fixtures';

/**
 * declare (10) → provision (60) → reinstall (90) ┐
 *             └→ network (30) ─────────────────┴→ smoke (30)
 * Planned critical path: 10 + 60 + 90 + 30 = 190 minutes.
 */
function night() {
	return [
		ran('declare', 0, 10, { plannedMinutes: 10, position: 1 }),
		ran('provision', 10, 70, { plannedMinutes: 60, dependsOn: ['declare'], position: 2 }),
		ran('network', 10, 30, { plannedMinutes: 30, dependsOn: ['declare'], position: 3 }),
		// 40 minutes late.
		ran('reinstall', 70, 200, { plannedMinutes: 90, dependsOn: ['provision'], position: 4 }),
		// Started 5 minutes after reinstall ended: a wait.
		ran('smoke', 205, 240, {
			plannedMinutes: 30,
			dependsOn: ['reinstall', 'network'],
			position: 5
		})
	];
}

describe('planned against actual, per step', () => {
	it('gives each step its planned and actual duration and the difference', () => {
		const steps = night();
		const variances = stepVariances(figureInput({ run: { startedAt: at(0), steps } }));
		const byId = new Map(variances.map((v) => [v.id, v]));
		expect(byId.get('reinstall')).toMatchObject({
			plannedMinutes: 90,
			actualMinutes: 130,
			deltaMinutes: 40,
			plannedStart: T0 + 70 * 60_000,
			plannedEnd: T0 + 160 * 60_000
		});
		expect(byId.get('network')).toMatchObject({ actualMinutes: 20, deltaMinutes: -10 });
		expect(byId.get('network')?.onCriticalPath).toBe(false);
		expect(variances.filter((v) => v.drove).map((v) => v.id)).toEqual(['reinstall', 'smoke']);
	});

	it('leaves steps never started without an actual duration', () => {
		const steps = [ran('a', 0, 10), figureStep('b', { dependsOn: ['a'], state: 'ready' })];
		const b = stepVariances(figureInput({ run: { startedAt: at(0), steps } })).find(
			(v) => v.id === 'b'
		);
		expect(b).toMatchObject({ actualMinutes: null, deltaMinutes: null, drove: false });
	});

	it('measures a step still running at the resolution up to the resolution', () => {
		const { events, add } = timeline();
		add('incident.status_changed', 100, { from: 'monitoring', to: 'resolved' });
		const steps = [
			figureStep('a', { state: 'in_progress', startedAt: at(40), plannedMinutes: 30 })
		];
		const [a] = stepVariances(figureInput({ events, run: { startedAt: at(0), steps } }));
		expect(a?.actualMinutes).toBe(60);
		expect(a?.deltaMinutes).toBe(30);
	});
});

describe('critical-path slippage', () => {
	it('follows the dependency that let each step start last, back from the last to end', () => {
		const { path, waitMinutes } = actualCriticalPath(night(), T0, T0 + 1000 * 60_000);
		expect(path.map((s) => s.id)).toEqual(['declare', 'provision', 'reinstall', 'smoke']);
		expect(waitMinutes).toBe(5);
	});

	it('names the late steps on that path, worst first, and the delay against the plan', () => {
		const { events, add } = timeline();
		const reinstallDone = add('step.done', 200, { stepId: 'reinstall' });
		add('step.done', 30, { stepId: 'network' });
		const figure = criticalPathSlippage(
			figureInput({ events, run: { startedAt: at(0), steps: night() } }),
			FORMAT
		);
		// Ended at 240 against 190 planned: 40 late on reinstall, 5 on smoke, 5 waiting.
		expect(figure.value).toBe(50);
		expect(figure.drivers).toEqual([
			{ stepId: 'reinstall', title: 'reinstall', overMinutes: 40 },
			{ stepId: 'smoke', title: 'smoke', overMinutes: 5 }
		]);
		expect(figure.waitMinutes).toBe(5);
		expect(figure.events.map((e) => e.seq)).toEqual([reinstallDone.seq]);
		expect(figure.explanation).toContain('declare → provision → reinstall → smoke');
		expect(figure.explanation).toContain('+50 min');
	});

	it('moves to the other branch when it is the one that ended last', () => {
		const steps = night().map((s) =>
			s.id === 'network'
				? ran('network', 10, 230, { plannedMinutes: 30, dependsOn: ['declare'], position: 3 })
				: s
		);
		const figure = criticalPathSlippage(figureInput({ run: { startedAt: at(0), steps } }), FORMAT);
		expect(figure.path).toEqual(['declare', 'network', 'smoke']);
		expect(figure.drivers.map((d) => d.stepId)).toEqual(['network', 'smoke']);
	});

	it('reports a run that ended ahead of its plan as a negative delay with no driver', () => {
		const steps = [
			ran('a', 0, 20, { plannedMinutes: 30 }),
			ran('b', 20, 35, { plannedMinutes: 20, dependsOn: ['a'] })
		];
		const figure = criticalPathSlippage(figureInput({ run: { startedAt: at(0), steps } }), FORMAT);
		expect(figure.value).toBe(-15);
		expect(figure.drivers).toEqual([]);
		expect(figure.explanation).toContain('−15 min');
	});

	it('is not computed without a runbook or before any step started', () => {
		expect(criticalPathSlippage(figureInput(), FORMAT).value).toBeNull();
		const waiting = criticalPathSlippage(
			figureInput({ run: { startedAt: at(0), steps: [figureStep('a', { state: 'ready' })] } }),
			FORMAT
		);
		expect(waiting.value).toBeNull();
		expect(waiting.plannedEnd).toBe(at(10));
	});
});
