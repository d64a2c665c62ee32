import { describe, expect, it } from 'vitest';
import { nextStepFor } from '../../src/lib/runbooks/next-step';
import type { RunStep } from '../../src/lib/runbooks/types';

type S = Pick<RunStep, 'id' | 'title' | 'state' | 'ownerSide' | 'assigneeId' | 'position'>;
const step = (id: string, position: number, over: Partial<S> = {}): S => ({
	id,
	title: `Step ${id}`,
	state: 'pending',
	ownerSide: 'provider',
	assigneeId: null,
	position,
	...over
});
const marc = { userId: 'marc', side: 'provider' as const };

describe('the next step of a person', () => {
	it('is the step they are working on before anything ready', () => {
		const steps = [
			step('a', 1, { state: 'ready' }),
			step('b', 2, { state: 'in_progress', assigneeId: 'marc' })
		];
		expect(nextStepFor(steps, marc)).toEqual({
			id: 'b',
			title: 'Step b',
			reason: 'yours_in_progress'
		});
	});

	it('is their blocked step before a ready one assigned to them', () => {
		const steps = [
			step('a', 1, { state: 'ready', assigneeId: 'marc' }),
			step('b', 2, { state: 'blocked', assigneeId: 'marc' })
		];
		expect(nextStepFor(steps, marc)?.reason).toBe('yours_blocked');
	});

	it('is the first ready, unassigned step of their side in runbook order', () => {
		const steps = [
			step('c', 3, { state: 'ready' }),
			step('a', 1, { state: 'ready', ownerSide: 'client' }),
			step('b', 2, { state: 'ready' })
		];
		expect(nextStepFor(steps, marc)).toMatchObject({ id: 'b', reason: 'side_ready' });
	});

	it('never offers a step someone else took or the other side owns', () => {
		const steps = [
			step('a', 1, { state: 'ready', assigneeId: 'claire' }),
			step('b', 2, { state: 'ready', ownerSide: 'client' }),
			step('c', 3, { state: 'in_progress', assigneeId: 'claire' })
		];
		expect(nextStepFor(steps, marc)).toBeNull();
	});

	it('is nothing when every step is finished', () => {
		expect(nextStepFor([step('a', 1, { state: 'done', assigneeId: 'marc' })], marc)).toBeNull();
	});
});
