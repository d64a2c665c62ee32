import { randomUUID } from 'node:crypto';
import { canChangeStatus, type IncidentStatus } from '$lib/incidents/types';
import { STATUS_MILESTONES, type Milestone } from '$lib/milestones/model';
import { authorize } from '../access/authorize';
import type { Tx } from '../db/db';
import { AppError } from '../errors';
import { runCommand, type CommandContext, type Emit, type Step, command } from '../events/command';
import { createStream } from '../events/queries';
import { emitMilestone, setMilestoneStep } from '../milestones/commands';
import { checkTrueTime, readBounds } from '../milestones/true-time';
import { isBackdated } from '../timeline/schemas';
import { parse } from '../validation';
import { inIncident } from './access';
import { commanderInput, declareInput, statusInput, type DeclareInput } from './schemas';
import { m } from '$lib/paraglide/messages';
import { statusLabel } from '$lib/incidents/labels';
import { TOLD_LATE_MS } from '$lib/timeline/fold';

/** Declares an incident for an organization; the declarer is its first commander. */
export async function declareIncident(
	context: CommandContext,
	organizationId: string,
	input: unknown
) {
	const data = parse(declareInput, input);
	return runCommand(context, (tx, emit) =>
		declareIncidentStep(tx, emit, context.actor, organizationId, data)
	);
}

/** The inner step of `declareIncident`, for use cases that declare as one of their steps. */
export const declareIncidentStep: Step<[string, DeclareInput], { incidentId: string }> = async (
	tx,
	emit,
	actor,
	organizationId,
	data
) => {
	await authorize(actor, organizationId, 'incident.declare', tx);
	const incidentId = await insertIncident(tx, emit, organizationId, data, {
		createdBy: actor.userId,
		commanderId: actor.userId
	});
	return { incidentId };
};

/**
 * Writes a new incident and its `incident.declared` event inside the caller's transaction
 * (a declaration by hand, or by an alert rule whose integration was authorized by its secret).
 */
export async function insertIncident(
	tx: Tx,
	emit: Emit,
	organizationId: string,
	data: DeclareInput,
	by: { createdBy: string; commanderId: string | null }
): Promise<string> {
	const id = randomUUID();
	await createStream(tx, { id, kind: 'incident', organizationId });
	const detectedAt = data.detectedAt ?? new Date();
	const declaredAt = data.declaredAt ?? new Date();
	if (declaredAt < detectedAt) {
		const message = m.err_declared_before_detected();
		throw new AppError('invalid', message, { declaredAt: message });
	}
	await tx`
		insert into incidents (id, organization_id, title, summary, severity, mode, commander_id,
			timezone, detected_at, declared_at, created_by)
		values (${id}, ${organizationId}, ${data.title}, ${data.summary}, ${data.severity}, ${data.mode},
			${by.commanderId}, ${data.timezone ?? 'Europe/Paris'}, ${detectedAt}, ${declaredAt},
			${by.createdBy})`;
	await tx`
		insert into incident_organizations (incident_id, organization_id, added_by)
		values (${id}, ${organizationId}, ${by.createdBy})`;
	await tx`
		insert into incident_milestones (incident_id, milestone, occurred_at, set_by)
		values (${id}, 'detected', ${detectedAt}, ${by.createdBy})`;
	await emit({
		streamId: id,
		kind: 'incident.declared',
		occurredAt: declaredAt,
		payload: {
			title: data.title,
			severity: data.severity,
			mode: data.mode,
			detectedAt: detectedAt.toISOString()
		}
	});
	// A detection earlier than the declaration is a fact of its own on the timeline.
	if (declaredAt.getTime() - detectedAt.getTime() > TOLD_LATE_MS)
		await emitMilestone(
			emit,
			id,
			{ milestone: 'detected', occurredAt: detectedAt, reason: null },
			null
		);
	await declaredMilestones(tx, emit, id, data, by.createdBy);
	return id;
}

/** The milestones given at declaration, trigger first so the others are checked against it. */
async function declaredMilestones(
	tx: Tx,
	emit: Emit,
	incidentId: string,
	data: DeclareInput,
	userId: string
) {
	const given = data.milestones ?? {};
	const order: Exclude<Milestone, 'detected'>[] = [
		'trigger',
		'acknowledged',
		'identified',
		'mitigated',
		'recovered'
	];
	for (const milestone of order) {
		const occurredAt = given[milestone];
		if (!occurredAt) continue;
		const actor = { userId, name: '' };
		await setMilestoneStep(tx, emit, actor, incidentId, { milestone, occurredAt, reason: null });
	}
}

export const changeIncidentStatus = command(
	inIncident('incident.update'),
	statusInput,
	async (tx, emit, data, { id: incidentId, context }) => {
		const current = await lockIncident(tx, incidentId);
		if (
			data.version !== undefined &&
			data.version !== current.version &&
			current.status !== data.status
		) {
			throw new AppError(
				'conflict',
				m.err_status_changed_meanwhile({ status: statusLabel(current.status) })
			);
		}
		if (current.status === data.status) return { status: current.status, version: current.version };
		if (!canChangeStatus(current.status, data.status)) {
			throw new AppError(
				'invalid',
				m.err_status_transition({ from: statusLabel(current.status), to: statusLabel(data.status) })
			);
		}
		const at = data.occurredAt ?? new Date();
		if (data.occurredAt) checkTrueTime(await readBounds(tx, incidentId), at, 'fact');
		const [row] = await tx<{ version: number }[]>`
			update incidents set status = ${data.status}, version = version + 1,
				resolved_at = case
					when ${data.status} = 'resolved' then ${at}::timestamptz
					when ${data.status} in ('investigating', 'identified', 'mitigating', 'monitoring') then null
					else resolved_at end,
				closed_at = case when ${data.status} = 'closed' then ${at}::timestamptz else closed_at end
			where id = ${incidentId} returning version`;
		await emit({
			streamId: incidentId,
			kind: 'incident.status_changed',
			occurredAt: at,
			payload: {
				from: current.status,
				to: data.status,
				reason: data.reason || null,
				version: row?.version ?? current.version + 1,
				backdateReason: isBackdated(data.occurredAt) ? data.reason || null : null
			}
		});
		const milestone = STATUS_MILESTONES[data.status];
		if (milestone) {
			const write = { milestone, occurredAt: at, reason: null, ifUnset: true };
			await setMilestoneStep(tx, emit, context.actor, incidentId, write);
		}
		return { status: data.status, version: row?.version ?? current.version + 1 };
	}
);

export const setCommander = command(
	inIncident('incident.update'),
	commanderInput,
	async (tx, emit, data, { id: incidentId }) => {
		const current = await lockIncident(tx, incidentId);
		const [person] = await tx<{ display_name: string }[]>`
			select u.display_name from users u
			where u.id = ${data.userId} and exists (
				select 1 from memberships m join incident_organizations io on io.organization_id = m.organization_id
				where m.user_id = u.id and io.incident_id = ${incidentId})`;
		if (!person) throw new AppError('invalid', m.err_commander_not_taking_part());
		const [row] = await tx<{ version: number }[]>`
			update incidents set commander_id = ${data.userId}, version = version + 1
			where id = ${incidentId} returning version`;
		await emit({
			streamId: incidentId,
			kind: 'incident.commander_changed',
			payload: {
				userId: data.userId,
				name: person.display_name,
				previous: current.commander_id,
				version: row?.version ?? current.version + 1
			}
		});
		return { commanderId: data.userId, version: row?.version ?? current.version + 1 };
	}
);

async function lockIncident(tx: Tx, incidentId: string) {
	const [row] = await tx<
		{ status: IncidentStatus; version: number; commander_id: string | null }[]
	>`
		select status, version, commander_id from incidents where id = ${incidentId} for update`;
	if (!row) throw new AppError('not_found', m.err_incident_not_found());
	return row;
}
