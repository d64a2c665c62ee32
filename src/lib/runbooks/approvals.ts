import { m } from '$lib/paraglide/messages';
import { roleAtLeast, type Role } from '$lib/organizations/roles';
import type { ApprovalAction } from './states';
import type { ApprovalRequirement, ApproverRole, StepApproval, StepState } from './types';

/**
 * Approvals (pure: the server enforces them, the room shows the same answers). A step that
 * requires one cannot start until someone holding the named role in the named organization
 * approved it; a responder asks, an approver approves or refuses with a reason.
 */

export interface ApprovalView {
	state: StepState;
	requiresApproval: ApprovalRequirement | null;
	approval: StepApproval | null;
}

/** Whether the step still waits for an approval before it may start. */
export function needsApproval(step: ApprovalView): boolean {
	return step.requiresApproval !== null && step.approval?.state !== 'approved';
}

/** Approval can be asked while the step has not started, unless it is pending or granted. */
export function canRequestApproval(step: ApprovalView): boolean {
	if (!step.requiresApproval || !['pending', 'ready'].includes(step.state)) return false;
	return step.approval === null || step.approval.state === 'vetoed';
}

/** Whether someone with these roles (organization id → role) may decide on this step. */
export function isApprover(
	requirement: ApprovalRequirement | null,
	roles: Readonly<Record<string, Role>>
): boolean {
	if (!requirement) return false;
	const role = roles[requirement.organizationId];
	return role !== undefined && roleAtLeast(role, requirement.role);
}

/** The approval actions a person may take on a step now. */
export function approvalActions(
	step: ApprovalView,
	who: { work: boolean; roles: Readonly<Record<string, Role>> }
): ApprovalAction[] {
	const actions: ApprovalAction[] = [];
	if (who.work && canRequestApproval(step)) actions.push('request_approval');
	if (step.approval?.state === 'pending' && isApprover(step.requiresApproval, who.roles)) {
		actions.push('approve', 'refuse');
	}
	return actions;
}

/** Why a step cannot be approved, asked or started now; null when the action is fine. */
export function approvalRefusal(
	step: ApprovalView & { title: string },
	action: ApprovalAction | 'start'
): string | null {
	const requirement = step.requiresApproval;
	const who = requirement ? approverWords(requirement) : '';
	const title = step.title;
	if (action === 'start') {
		if (!needsApproval(step)) return null;
		return step.approval?.state === 'pending'
			? m.err_approval_waiting({ title, who })
			: m.err_approval_needed_first({ title, who });
	}
	if (!requirement) return m.err_approval_not_needed({ title });
	if (action === 'request_approval') {
		if (canRequestApproval(step)) return null;
		if (step.approval?.state === 'pending') return m.err_approval_already_asked({ title });
		if (step.approval?.state === 'approved') return m.err_approval_already_given({ title });
		return m.err_approval_too_late({ title });
	}
	if (step.approval?.state === 'pending') return null;
	return m.err_approval_not_asked({ title });
}

const ARTICLES: Record<ApproverRole, (inputs: { organization: string }) => string> = {
	responder: m.approver_responder_of,
	admin: m.approver_admin_of,
	owner: m.approver_owner_of
};

/** "an admin of Petit Nuage": whose approval a step waits for, in the reader's language. */
export function approverWords(requirement: ApprovalRequirement): string {
	const organization = requirement.organizationName ?? m.approver_named_organization();
	return ARTICLES[requirement.role]({ organization });
}
