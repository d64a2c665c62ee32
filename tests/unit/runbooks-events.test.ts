import { describe, expect, it } from 'vitest';
import { looseEvent } from './loose-event';
import { applyStepEvent, type StepEventPayload } from '../../src/lib/runbooks/events';
import type { StreamEvent } from '../../src/lib/realtime/protocol';
import { at, run, step } from './runbooks-fixtures';

function event(kind: string, payload: Partial<StepEventPayload>): StreamEvent {
	return looseEvent({
		streamId: 'incident-1',
		streamKind: 'incident',
		seq: 7,
		kind,
		actorId: 'u1',
		actorName: 'Marc',
		source: 'manual',
		occurredAt: at(41),
		recordedAt: at(41),
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
			startedAt: at(10),
			endedAt: at(41),
			note: null,
			readied: [],
			unreadied: [],
			...payload
		}
	});
}

describe('applying live step events to a run in memory', () => {
	const before = run([
		step('a', { state: 'in_progress', version: 2, startedAt: at(10) }),
		step('b', { dependsOn: ['a'] }),
		step('c', { state: 'ready' })
	]);

	it('patches the step and promotes the readied dependents', () => {
		const after = applyStepEvent(before, event('step.done', { readied: ['b'] }));
		expect(after.steps[0]).toMatchObject({
			state: 'done',
			version: 3,
			endedAt: at(41),
			updatedByName: 'Marc'
		});
		expect(after.steps[1]).toMatchObject({ state: 'ready', version: 2 });
		expect(after.steps[2]).toBe(before.steps[2]);
		expect(before.steps[0]?.state).toBe('in_progress');
	});

	it('ignores an event already applied (version not newer) and other runs', () => {
		expect(applyStepEvent(before, event('step.done', { version: 2 }))).toBe(before);
		expect(applyStepEvent(before, event('step.done', { runId: 'other' }))).toBe(before);
		expect(applyStepEvent(before, event('incident.updated', {}))).toBe(before);
	});

	it('records a block reason and appends a note', () => {
		const blocked = applyStepEvent(
			before,
			event('step.blocked', { to: 'blocked', reason: 'No spare disk', endedAt: null })
		);
		expect(blocked.steps[0]).toMatchObject({ state: 'blocked', blockedReason: 'No spare disk' });
		const note = { at: at(42), authorId: 'u1', authorName: 'Marc', text: 'Disk ordered' };
		const noted = applyStepEvent(
			blocked,
			event('step.noted', {
				to: 'blocked',
				reason: 'No spare disk',
				version: 4,
				endedAt: null,
				note
			})
		);
		expect(noted.steps[0]?.notes).toEqual([note]);
	});
});
