import { describe, expect, it } from 'vitest';
import { looseEvent } from './loose-event';
import {
	approvalActions,
	approvalRefusal,
	isApprover,
	needsApproval
} from '../../src/lib/runbooks/approvals';
import { applyStepEvent } from '../../src/lib/runbooks/events';
import type { ApprovalRequirement, StepApproval } from '../../src/lib/runbooks/types';
import { run, step } from './runbooks-fixtures';

const requirement: ApprovalRequirement = {
	organizationId: 'merchant',
	organizationName: 'Petit Nuage',
	role: 'admin'
};
const approval = (state: StepApproval['state']): StepApproval => ({
	state,
	requestedByName: 'Marc',
	requestedAt: null,
	decidedByName: null,
	decidedAt: null,
	reason: null
});

describe('step approvals', () => {
	it('a step with a requirement waits until it is approved', () => {
		expect(needsApproval(step('a'))).toBe(false);
		expect(needsApproval(step('a', { requiresApproval: requirement }))).toBe(true);
		expect(
			needsApproval(step('a', { requiresApproval: requirement, approval: approval('pending') }))
		).toBe(true);
		expect(
			needsApproval(step('a', { requiresApproval: requirement, approval: approval('approved') }))
		).toBe(false);
	});

	it('approvers hold the role, or a higher one, in the named organization', () => {
		expect(isApprover(requirement, { merchant: 'admin' })).toBe(true);
		expect(isApprover(requirement, { merchant: 'owner' })).toBe(true);
		expect(isApprover(requirement, { merchant: 'responder' })).toBe(false);
		expect(isApprover(requirement, { hoster: 'owner' })).toBe(false);
		expect(isApprover(null, { merchant: 'owner' })).toBe(false);
	});

	it('offers asking before the decision, deciding while pending, asking again after a refusal', () => {
		const responder = { work: true, roles: { hoster: 'responder' as const } };
		const admin = { work: true, roles: { merchant: 'admin' as const } };
		const fresh = step('a', { state: 'ready', requiresApproval: requirement });
		expect(approvalActions(fresh, responder)).toEqual(['request_approval']);
		expect(approvalActions(fresh, admin)).toEqual(['request_approval']);
		const pending = { ...fresh, approval: approval('pending') };
		expect(approvalActions(pending, responder)).toEqual([]);
		expect(approvalActions(pending, admin)).toEqual(['approve', 'refuse']);
		const vetoed = { ...fresh, approval: approval('vetoed') };
		expect(approvalActions(vetoed, responder)).toEqual(['request_approval']);
		const started = { ...fresh, state: 'in_progress' as const, approval: approval('approved') };
		expect(approvalActions(started, admin)).toEqual([]);
		expect(approvalActions(fresh, { work: false, roles: {} })).toEqual([]);
	});

	it('explains a refused start with whose approval it needs', () => {
		const fresh = step('a', { title: 'Open the firewall', requiresApproval: requirement });
		expect(approvalRefusal(fresh, 'start')).toBe(
			'“Open the firewall” needs the approval of an admin of Petit Nuage before it can start: ask for it first.'
		);
		expect(approvalRefusal({ ...fresh, approval: approval('pending') }, 'start')).toBe(
			'“Open the firewall” waits for the approval of an admin of Petit Nuage.'
		);
		expect(approvalRefusal({ ...fresh, approval: approval('approved') }, 'start')).toBeNull();
	});
});

describe('approval events in the room', () => {
	it('an approval event patches the step’s approval; other step events keep it', () => {
		const before = run([step('a', { state: 'ready', requiresApproval: requirement })]);
		const event = (version: number, extra: Record<string, unknown>) =>
			looseEvent({
				streamId: 'i',
				streamKind: 'incident' as const,
				seq: version,
				kind: 'step.approval_requested',
				actorId: null,
				actorName: 'Marc',
				source: 'manual' as const,
				occurredAt: '2025-11-21T21:00:00Z',
				recordedAt: '2025-11-21T21:00:00Z',
				payload: {
					runId: before.id,
					stepId: 'a',
					title: 'a',
					from: 'ready',
					to: 'ready',
					version,
					assigneeId: null,
					assigneeName: null,
					startedAt: null,
					endedAt: null,
					note: null,
					readied: [],
					unreadied: [],
					...extra
				}
			});
		const asked = applyStepEvent(before, event(2, { approval: approval('pending') }));
		expect(asked.steps[0]?.approval?.state).toBe('pending');
		const noted = applyStepEvent(asked, event(3, { action: 'note' }));
		expect(noted.steps[0]?.approval?.state).toBe('pending');
	});
});
