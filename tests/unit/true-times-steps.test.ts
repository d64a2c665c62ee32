import { describe, expect, it } from 'vitest';
import { looseEvent } from './loose-event';
import { applyStepEvent } from '../../src/lib/runbooks/events';
import { backdateReason } from '../../src/lib/timeline/fold';
import type { StreamEvent } from '../../src/lib/realtime/protocol';
import { at, run, step } from './runbooks-fixtures';

function stepDone(payload: Record<string, unknown>, recordedAt = at(41)): StreamEvent {
	return looseEvent({
		streamId: 'incident-1',
		streamKind: 'incident',
		seq: 7,
		kind: 'step.done',
		actorId: 'u1',
		actorName: 'Marc',
		source: 'manual',
		occurredAt: at(41),
		recordedAt,
		payload: {
			runId: 'run-1',
			stepId: 'a',
			title: 'a',
			action: 'complete',
			from: 'in_progress',
			to: 'done',
			reason: null,
			version: 3,
			assigneeId: 'u1',
			assigneeName: 'Marc',
			startedAt: at(5),
			endedAt: at(41),
			note: null,
			readied: [],
			unreadied: [],
			...payload
		}
	});
}

describe('a step told at its true time, followed live', () => {
	const before = run([step('a', { state: 'in_progress', version: 2, startedAt: at(10) })]);

	it("moves the run's start back when the event says so, and only then", () => {
		const moved = applyStepEvent(before, stepDone({ runStartedAt: at(5) }));
		expect(moved.startedAt).toBe(at(5));
		expect(moved.steps[0]).toMatchObject({ startedAt: at(5), endedAt: at(41) });
		expect(applyStepEvent(before, stepDone({})).startedAt).toBe(before.startedAt);
	});
});

describe('the back-dated mark of a timeline entry', () => {
	it('says why a fact recorded well after it happened was back-dated', () => {
		const late = stepDone({ backdateReason: 'From the NOC log' }, at(120));
		expect(backdateReason(late)).toBe('From the NOC log');
	});

	it('is empty for a back-dated fact without a reason, absent for one recorded on time', () => {
		expect(backdateReason(stepDone({ backdateReason: null }, at(120)))).toBe('');
		expect(backdateReason(stepDone({ backdateReason: null }, at(41)))).toBeNull();
		expect(backdateReason(stepDone({}, at(120)))).toBeNull();
	});
});
