import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyStepEvent } from '../../src/lib/runbooks/events';
import { computeEta, computeProgress } from '../../src/lib/runbooks/schedule';
import { allowedActions, STEP_ACTIONS, type StepAction } from '../../src/lib/runbooks/states';
import type { Run, StepState } from '../../src/lib/runbooks/types';
import { isAppError } from '../../src/lib/server/errors';
import { listEventsAfter } from '../../src/lib/server/events/queries';
import { readRun, startRun } from '../../src/lib/server/runbooks/runs';
import { actOnStep } from '../../src/lib/server/runbooks/steps';
import { createTemplate } from '../../src/lib/server/runbooks/templates';
import { newIncident, templateStep } from './runbooks-fixtures';
import { newOrganization, newUser, useTestDatabase } from './setup';

useTestDatabase();

/** Six steps, two phases, a diamond of dependencies: readying and reopening both ripple. */
const BODY = {
	phases: [
		{
			title: 'Mobilise',
			steps: [
				templateStep('call', { plannedMinutes: 10 }),
				templateStep('order', { plannedMinutes: 45 })
			]
		},
		{
			title: 'Rebuild',
			steps: [
				templateStep('left', { dependsOn: ['call'], plannedMinutes: 20 }),
				templateStep('right', { dependsOn: ['call', 'order'], plannedMinutes: 90 }),
				templateStep('join', { dependsOn: ['left', 'right'], plannedMinutes: 15 }),
				templateStep('verify', { dependsOn: ['join'], plannedMinutes: 5 })
			]
		}
	]
};

/** Approvals need a requirement on the step; the rest of the actions apply to any step. */
const ACTIONS = STEP_ACTIONS.filter(
	(a): a is Exclude<StepAction, 'request_approval' | 'approve' | 'refuse'> =>
		a !== 'request_approval' && a !== 'approve' && a !== 'refuse'
);

/**
 * One thing a person tries on a step: mostly a move the step allows now (`pick` among them),
 * sometimes any action at all (`wild`), sometimes with the version they saw earlier (`stale`).
 */
const attempt = fc.record({
	step: fc.nat({ max: 5 }),
	pick: fc.nat({ max: 11 }),
	wild: fc.nat({ max: 9 }).map((n) => n < 2),
	stale: fc.nat({ max: 9 }).map((n) => n < 1)
});

function actionFor(state: StepState, pick: number, wild: boolean): StepAction {
	const moves = [...allowedActions(state, { work: true, reopen: true }), 'note', 'assign'] as const;
	const choices: readonly StepAction[] = wild ? ACTIONS : moves;
	return choices[pick % choices.length] ?? 'note';
}

function inputFor(action: StepAction, version: number, userId: string) {
	switch (action) {
		case 'block':
		case 'skip':
		case 'reopen':
			return { action, version, reason: 'Waiting for the datacenter' };
		case 'note':
			return { action, version, note: 'Disk ordered' };
		case 'assign':
			return { action, version, assigneeId: userId };
		default:
			return { action, version };
	}
}

/** What the room shows of a run: its progress, and its ETA at a few moments of the night. */
function figures(run: Run) {
	const start = Date.parse(run.startedAt);
	return {
		progress: computeProgress(run.steps),
		etas: [0, 37, 240].map((minutes) => computeEta(run, start + minutes * 60_000)),
		steps: run.steps.map((s) => [s.id, s.state, s.version, s.startedAt, s.endedAt])
	};
}

describe('a run read from its rows, and the same run replayed from its events', () => {
	it('give the same progress and ETA after any history of step actions (refused ones included)', async () => {
		const owner = await newUser('Claire');
		const org = await newOrganization(owner);
		const { result } = await createTemplate({ actor: owner }, org, { name: 'Diamond', body: BODY });
		let histories = 0;
		let applied = 0;
		let progressed = 0;
		await fc.assert(
			fc.asyncProperty(
				fc.array(attempt, { minLength: 1, maxLength: 40, size: 'max' }),
				async (attempts) => {
					const incident = await newIncident(org);
					await startRun({ actor: owner }, incident, { templateId: result.templateId });
					const initial = await readRun(owner, incident);
					if (!initial) throw new Error('no run');
					const [started] = await listEventsAfter(incident, 0);
					// What the person sees: the run as their page patches it from each answer's events.
					let seen = initial;
					for (const { step: index, pick, wild, stale } of attempts) {
						const step = seen.steps[index % seen.steps.length];
						if (!step) continue;
						const action = actionFor(step.state, pick, wild);
						const version = stale && step.version > 1 ? step.version - 1 : step.version;
						try {
							const { events } = await actOnStep({ actor: owner }, incident, step.id, {
								...inputFor(action, version, owner.userId)
							});
							for (const event of events) seen = applyStepEvent(seen, event);
							applied += 1;
						} catch (error) {
							// A refusal (stale version, a move the state machine forbids) changes nothing.
							if (!isAppError(error)) throw error;
						}
					}
					const rows = await readRun(owner, incident);
					if (!rows) throw new Error('no run');
					const stored = await listEventsAfter(incident, started?.seq ?? 0);
					const replayed = stored.reduce(applyStepEvent, initial);
					expect(figures(replayed)).toEqual(figures(rows));
					expect(figures(seen)).toEqual(figures(rows));
					histories += 1;
					if (rows.steps.some((s) => s.state === 'done')) progressed += 1;
				}
			),
			{ numRuns: 25 }
		);
		expect(histories).toBe(25);
		// The generator must reach real histories, not only refusals.
		expect(applied).toBeGreaterThan(200);
		expect(progressed).toBeGreaterThan(0);
	}, 120_000);
});
