import type { StepEventPayload } from '$lib/runbooks/events';
import { stepsToDemote, stepsToPromote, unmetDependencies } from '$lib/runbooks/readiness';
import {
	isApprovalAction,
	isTransition,
	nextState,
	STEP_EVENT_KINDS,
	stepPermission,
	type TransitionAction
} from '$lib/runbooks/states';
import type { StepNote, StepState } from '$lib/runbooks/types';
import type postgres from 'postgres';
import type { Actor } from '../access/actor';
import type { Tx } from '../db/db';
import { AppError } from '../errors';
import { runCommand, type CommandContext } from '../events/command';
import { authorizeIncident } from '../incidents/access';
import { checkTrueTime, readBounds } from '../milestones/true-time';
import { backdateMark } from '../timeline/schemas';
import { parse } from '../validation';
import { approvalColumns, assertStartAllowed, readApproval } from './approval-checks';
import { findRunRow, listStepRows, type StepRow } from './run-rows';
import { stepActionInput, type StepActionInput } from './schemas';
import { refusalMessage, staleMessage } from './step-messages';
import { m } from '$lib/paraglide/messages';

/**
 * One command for every step action (start, complete, fail, block, resume, retry, skip,
 * reopen, assign, note). The input carries the step version the person saw: a stale one is
 * refused, saying what the step is now. The change, the dependents it makes ready (or, for a
 * reopen, pending again) and one `step.*` event are written in one transaction.
 */
export async function actOnStep(
	context: CommandContext,
	incidentId: string,
	stepId: string,
	input: unknown
) {
	const data = parse(stepActionInput, input);
	const clientMutationId = context.clientMutationId ?? data.clientMutationId ?? null;
	return runCommand({ ...context, clientMutationId }, async (tx, emit) => {
		await authorizeIncident(context.actor, incidentId, stepPermission(data.action), tx);
		// The run's row lock serialises step changes of one run, so two dependencies finishing
		// at once cannot both miss that their dependent is now ready.
		const run = await findRunRow(tx, incidentId, true);
		if (!run) throw new AppError('not_found', m.err_no_run());
		const steps = await listStepRows(tx, run.id);
		const step = steps.find((s) => s.id === stepId);
		if (!step) throw new AppError('not_found', m.err_step_not_in_run());
		if (step.version !== data.version) {
			throw new AppError('conflict', staleMessage(step, data.action, run.timezone));
		}
		if (data.occurredAt) await checkStepTime(tx, incidentId, step, data.occurredAt);
		const changed = await applyAction(tx, context.actor, step, steps, data, incidentId);
		const runStartedAt = data.occurredAt ? await startRunBy(tx, run, data.occurredAt) : null;
		const approval = isApprovalAction(data.action) ? await readApproval(tx, stepId) : undefined;
		const to = changed.state;
		const overrodeHold = holdOverridden(step, data.action, context.actor);
		const { readied, unreadied } = await settleDependents(tx, context.actor, steps, step.id, to);
		const payload: StepEventPayload = {
			runId: run.id,
			stepId,
			title: step.title,
			action: data.action,
			from: step.state,
			to,
			reason: data.reason ?? (to === 'blocked' ? changed.blocked_reason : null),
			version: changed.version,
			assigneeId: changed.assignee_id,
			assigneeName: changed.assignee_name,
			startedAt: changed.started_at?.toISOString() ?? null,
			endedAt: changed.ended_at?.toISOString() ?? null,
			note: changed.note,
			hold: changed.blocked_at
				? {
						byId: context.actor.userId,
						byName: context.actor.name,
						at: changed.blocked_at.toISOString()
					}
				: null,
			...(overrodeHold ? { overrodeHold } : {}),
			readied,
			unreadied,
			...(approval === undefined ? {} : { approval }),
			...(runStartedAt ? { runStartedAt: runStartedAt.toISOString() } : {}),
			...backdateMark(data.occurredAt, data.reason)
		};
		await emit({
			streamId: incidentId,
			kind: STEP_EVENT_KINDS[data.action],
			...(data.occurredAt ? { occurredAt: data.occurredAt } : {}),
			payload: { ...payload }
		});
		return { stepId, state: to, version: changed.version, readied, unreadied };
	});
}

/**
 * A step's start or finish told at its true time: not in the future (the schema), not before
 * the incident's first fact, and a finish not before the step started. Refused, nothing written.
 */
async function checkStepTime(tx: Tx, incidentId: string, step: StepRow, at: Date) {
	checkTrueTime(await readBounds(tx, incidentId), at, 'fact');
	if (step.started_at && at < step.started_at && step.state !== 'ready') {
		const message = m.err_step_ends_before_start({
			at: at.toISOString(),
			started: step.started_at.toISOString()
		});
		throw new AppError('invalid', message, { occurredAt: message });
	}
}

/**
 * A run started after the fact began when its first step did: a step started before the run's
 * recorded start moves it back (the plan and the ETA count from it). The new start, or null.
 */
async function startRunBy(tx: Tx, run: { id: string; started_at: Date }, at: Date) {
	if (at >= run.started_at) return null;
	await tx`update runbook_runs set started_at = ${at} where id = ${run.id}`;
	return at;
}

/**
 * A transition out of a hold someone else put on the step: recorded on the timeline with whose
 * hold it was (the room asked the person to confirm first).
 */
function holdOverridden(step: StepRow, action: StepActionInput['action'], actor: Actor) {
	if (step.state !== 'blocked' || !isTransition(action) || !step.blocked_at) return null;
	if (!step.blocked_by || step.blocked_by === actor.userId) return null;
	return {
		byId: step.blocked_by,
		byName: step.blocked_by_name,
		at: step.blocked_at.toISOString(),
		reason: step.blocked_reason
	};
}

interface Changed {
	state: StepState;
	version: number;
	assignee_id: string | null;
	assignee_name: string | null;
	started_at: Date | null;
	ended_at: Date | null;
	blocked_reason: string | null;
	blocked_at: Date | null;
	note: StepNote | null;
}

async function applyAction(
	tx: Tx,
	actor: Actor,
	step: StepRow,
	steps: StepRow[],
	data: StepActionInput,
	incidentId: string
): Promise<Changed> {
	if (data.action === 'assign') {
		const assigneeId = data.assigneeId ?? null;
		if (assigneeId) await assertParticipant(tx, incidentId, assigneeId);
		return update(tx, step.id, actor, tx`assignee_id = ${assigneeId}`);
	}
	if (data.action === 'note') {
		const note: StepNote = {
			at: new Date().toISOString(),
			authorId: actor.userId,
			authorName: actor.name,
			text: data.note ?? ''
		};
		const changed = await update(
			tx,
			step.id,
			actor,
			tx`notes = notes || ${tx.json([{ ...note }])}`
		);
		return { ...changed, note };
	}
	const action = data.action;
	if (isApprovalAction(action)) {
		const { columns } = await approvalColumns(tx, actor, step, action, data.reason ?? null);
		return update(tx, step.id, actor, columns);
	}
	if (!isTransition(action)) throw new Error(`unhandled step action ${action}`);
	const to = nextState(step.state, action);
	if (!to) {
		const waiting = unmetDependencies(asNode(step), steps.map(asNode)).map((s) => s.title);
		throw new AppError('conflict', refusalMessage(step, action, waiting));
	}
	if (action === 'start') assertStartAllowed(step);
	const columns = transitionColumns(tx, action, to, actor, data.reason ?? null, data.occurredAt);
	return update(tx, step.id, actor, columns);
}

/**
 * The columns each transition sets; times come from the database clock, or from the true time
 * the person gave for a start or a finish (`updated_at` stays the typing time).
 */
function transitionColumns(
	tx: Tx,
	action: TransitionAction,
	to: StepState,
	actor: Actor,
	reason: string | null,
	occurredAt: Date | undefined
) {
	const at = occurredAt ? tx`${occurredAt}::timestamptz` : tx`now()`;
	switch (action) {
		case 'start':
			return tx`state = ${to},
				started_at = ${occurredAt ? at : tx`coalesce(started_at, now())`},
				assignee_id = coalesce(assignee_id, ${actor.userId}::uuid)`;
		case 'complete':
		case 'fail':
			return tx`state = ${to}, ended_at = ${at}, blocked_reason = null, blocked_by = null,
				blocked_at = null`;
		case 'block':
			return tx`state = ${to}, blocked_reason = ${reason}, blocked_by = ${actor.userId},
				blocked_at = now()`;
		case 'skip':
			return tx`state = ${to}, ended_at = ${at}, skip_reason = ${reason}`;
		case 'resume':
		case 'retry':
		case 'reopen':
			return tx`state = ${to}, ended_at = null, blocked_reason = null, blocked_by = null,
				blocked_at = null, started_at = coalesce(started_at, now())`;
	}
}

async function update(
	tx: Tx,
	stepId: string,
	actor: Actor,
	columns: postgres.Fragment
): Promise<Changed> {
	const [row] = await tx<Omit<Changed, 'note' | 'assignee_name'>[]>`
		update run_steps
		set ${columns}, version = version + 1, updated_at = now(), updated_by = ${actor.userId}
		where id = ${stepId}
		returning state, version, assignee_id, started_at, ended_at, blocked_reason, blocked_at`;
	if (!row) throw new Error('step update returned no row');
	const [assignee] = row.assignee_id
		? await tx<
				{ display_name: string }[]
			>`select display_name from users where id = ${row.assignee_id}`
		: [];
	return { ...row, assignee_name: assignee?.display_name ?? null, note: null };
}

/** Promotes the dependents this change lets go ahead, or sends ready ones back to pending. */
async function settleDependents(
	tx: Tx,
	actor: Actor,
	steps: StepRow[],
	stepId: string,
	to: StepState
) {
	const after = steps.map((s) => asNode(s.id === stepId ? { ...s, state: to } : s));
	const readied = stepsToPromote(after).map((s) => s.id);
	const unreadied = stepsToDemote(after).map((s) => s.id);
	await setStates(tx, actor, readied, 'ready');
	await setStates(tx, actor, unreadied, 'pending');
	return { readied, unreadied };
}

function asNode(row: StepRow) {
	return { id: row.id, title: row.title, state: row.state, dependsOn: row.depends_on };
}

async function setStates(tx: Tx, actor: Actor, ids: string[], state: 'ready' | 'pending') {
	if (ids.length === 0) return;
	await tx`
		update run_steps
		set state = ${state}, version = version + 1, updated_at = now(), updated_by = ${actor.userId}
		where id = any(${ids}::uuid[])`;
}

async function assertParticipant(tx: Tx, incidentId: string, userId: string) {
	const [row] = await tx<{ user_id: string }[]>`
		select m.user_id from memberships m
		join incident_organizations io on io.organization_id = m.organization_id
		where io.incident_id = ${incidentId} and m.user_id = ${userId}
		limit 1`;
	if (!row) {
		throw new AppError('invalid', m.err_assignee_not_taking_part(), {
			assigneeId: m.err_assignee_not_taking_part()
		});
	}
}
