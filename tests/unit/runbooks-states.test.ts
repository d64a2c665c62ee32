import { describe, expect, it } from 'vitest';
import { allowedActions, nextState, stepPermission } from '../../src/lib/runbooks/states';

describe('step state machine', () => {
	it('follows the design: ready → in progress → done | failed | blocked', () => {
		expect(nextState('ready', 'start')).toBe('in_progress');
		expect(nextState('in_progress', 'complete')).toBe('done');
		expect(nextState('in_progress', 'fail')).toBe('failed');
		expect(nextState('in_progress', 'block')).toBe('blocked');
		expect(nextState('blocked', 'resume')).toBe('in_progress');
		expect(nextState('failed', 'retry')).toBe('in_progress');
		expect(nextState('pending', 'skip')).toBe('skipped');
		expect(nextState('ready', 'skip')).toBe('skipped');
		expect(nextState('done', 'reopen')).toBe('in_progress');
	});

	it('refuses what the design does not allow', () => {
		expect(nextState('pending', 'start')).toBeNull();
		expect(nextState('ready', 'complete')).toBeNull();
		expect(nextState('done', 'start')).toBeNull();
		expect(nextState('in_progress', 'skip')).toBeNull();
		expect(nextState('skipped', 'reopen')).toBeNull();
		expect(nextState('blocked', 'complete')).toBeNull();
	});

	it('only admins reopen: a responder is offered no reopen on a done step', () => {
		expect(stepPermission('reopen')).toBe('step.reopen');
		expect(stepPermission('complete')).toBe('step.work');
		expect(allowedActions('done', { work: true, reopen: false })).toEqual([]);
		expect(allowedActions('done', { work: true, reopen: true })).toEqual(['reopen']);
		expect(allowedActions('in_progress', { work: true, reopen: false })).toEqual([
			'complete',
			'fail',
			'block'
		]);
		expect(allowedActions('ready', { work: false, reopen: false })).toEqual([]);
	});
});
