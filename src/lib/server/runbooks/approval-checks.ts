import type postgres from 'postgres';
import { approvalRefusal, approverWords } from '$lib/runbooks/approvals';
import type { ApprovalAction } from '$lib/runbooks/states';
import {
	APPROVER_ROLES,
	type ApprovalRequirement,
	type ApproverRole,
	type StepApproval
} from '$lib/runbooks/types';
import type { Actor } from '../access/actor';
import { authorize } from '../access/authorize';
import type { Tx } from '../db/db';
import { AppError, isAppError } from '../errors';
import { toApproval, type ApprovalColumns, type StepRow } from './run-rows';
import { m } from '$lib/paraglide/messages';

/**
 * The requirement a run step copies from its template step, with the organization's name.
 * Bodies saved before approvals named an organization ({ role } only) mean the template's own
 * organization; an unknown role means admin.
 */
export async function resolveRequirements(
	tx: Tx,
	steps: { requiresApproval: Partial<ApprovalRequirement> | null }[],
	templateOrganizationId: string
): Promise<(ApprovalRequirement | null)[]> {
	const ids = [
		...new Set(
			steps
				.map(
					(s) => s.requiresApproval && (s.requiresApproval.organizationId ?? templateOrganizationId)
				)
				.filter((id): id is string => Boolean(id))
		)
	];
	const names = new Map<string, string>();
	if (ids.length > 0) {
		const rows = await tx<{ id: string; name: string }[]>`
			select id, name from organizations where id = any(${ids}::uuid[])`;
		for (const row of rows) names.set(row.id, row.name);
	}
	return steps.map(({ requiresApproval }) => {
		if (!requiresApproval) return null;
		const organizationId = requiresApproval.organizationId ?? templateOrganizationId;
		const organizationName = names.get(organizationId);
		if (!organizationName) {
			throw new AppError('invalid', m.err_approval_organization_gone());
		}
		const role: ApproverRole = APPROVER_ROLES.includes(requiresApproval.role as ApproverRole)
			? (requiresApproval.role as ApproverRole)
			: 'admin';
		return { organizationId, organizationName, role };
	});
}

/** Refuses to start a step whose approval is missing, saying whose approval it waits for. */
export function assertStartAllowed(step: StepRow) {
	const refusal = approvalRefusal(asView(step), 'start');
	if (refusal) throw new AppError('conflict', refusal);
}

/**
 * The columns an approval action sets (wrapped: a postgres.js fragment is a thenable, and an
 * async function returning one would run it as a query). Approving or refusing needs the named role in the
 * named organization (checked through the one helper, with the step's role as the minimum);
 * asking needs only to work steps, which the caller checked.
 */
export async function approvalColumns(
	tx: Tx,
	actor: Actor,
	step: StepRow,
	action: ApprovalAction,
	reason: string | null
): Promise<{ columns: postgres.Fragment }> {
	const refusal = approvalRefusal(asView(step), action);
	if (refusal) throw new AppError('conflict', refusal);
	if (action === 'request_approval') {
		return {
			columns: tx`approval_state = 'pending', approval_requested_by = ${actor.userId},
				approval_requested_at = now(), approval_decided_by = null, approval_decided_at = null,
				approval_reason = null`
		};
	}
	await authorizeApprover(tx, actor, step);
	const state = action === 'approve' ? 'approved' : 'vetoed';
	return {
		columns: tx`approval_state = ${state}, approval_decided_by = ${actor.userId},
			approval_decided_at = now(), approval_reason = ${action === 'refuse' ? reason : null}`
	};
}

async function authorizeApprover(tx: Tx, actor: Actor, step: StepRow) {
	const requirement = step.requires_approval;
	if (!requirement)
		throw new AppError('conflict', m.err_step_needs_no_approval({ title: step.title }));
	try {
		await authorize(actor, requirement.organizationId, 'step.approve', tx, requirement.role);
	} catch (error) {
		if (!isAppError(error)) throw error;
		throw new AppError(
			'forbidden',
			m.err_approver_only({ approvers: approverWords(requirement), title: step.title })
		);
	}
}

function asView(step: StepRow) {
	return {
		title: step.title,
		state: step.state,
		requiresApproval: step.requires_approval,
		approval: toApproval(step)
	};
}

/** A step's approval after a change, with the names the room shows. */
export async function readApproval(tx: Tx, stepId: string): Promise<StepApproval | null> {
	const [row] = await tx<ApprovalColumns[]>`
		select s.approval_state, r.display_name as approval_requested_by_name,
			s.approval_requested_at, d.display_name as approval_decided_by_name,
			s.approval_decided_at, s.approval_reason
		from run_steps s
		left join users r on r.id = s.approval_requested_by
		left join users d on d.id = s.approval_decided_by
		where s.id = ${stepId}`;
	return row ? toApproval(row) : null;
}
