import type {
	Run,
	RunStep,
	StepNote,
	StepState,
	OwnerSide,
	ApprovalRequirement,
	ApprovalState,
	StepApproval
} from '$lib/runbooks/types';
import type { Db } from '../db/db';

/** A run_steps row with the names the room shows, as read by readRun and the step commands. */
/** A step's approval as stored, with the names of who asked for it and who decided. */
export interface ApprovalColumns {
	approval_state: ApprovalState | null;
	approval_requested_by_name: string | null;
	approval_requested_at: Date | null;
	approval_decided_by_name: string | null;
	approval_decided_at: Date | null;
	approval_reason: string | null;
}

export interface StepRow extends ApprovalColumns {
	id: string;
	phase: string;
	position: number;
	key: string;
	server_item_id: string | null;
	server_hostname: string | null;
	title: string;
	instructions: string;
	owner_side: OwnerSide;
	role: string;
	planned_minutes: number;
	depends_on: string[];
	item_ids: string[];
	state: StepState;
	assignee_id: string | null;
	assignee_name: string | null;
	started_at: Date | null;
	ended_at: Date | null;
	blocked_reason: string | null;
	blocked_by: string | null;
	blocked_by_name: string | null;
	blocked_at: Date | null;
	skip_reason: string | null;
	notes: StepNote[];
	requires_approval: ApprovalRequirement | null;
	version: number;
	updated_at: Date;
	updated_by_name: string | null;
}

export async function listStepRows(sql: Db, runId: string): Promise<StepRow[]> {
	return sql<StepRow[]>`
		select s.id, s.phase, s.position, s.key, s.server_item_id, s.server_hostname, s.title,
			s.instructions, s.owner_side, s.role, s.planned_minutes, s.depends_on, s.item_ids, s.state,
			s.assignee_id, a.display_name as assignee_name, s.started_at, s.ended_at, s.blocked_reason,
			s.blocked_by, h.display_name as blocked_by_name, s.blocked_at, s.skip_reason, s.notes, s.requires_approval, s.approval_state,
			r.display_name as approval_requested_by_name, s.approval_requested_at,
			d.display_name as approval_decided_by_name, s.approval_decided_at, s.approval_reason,
			s.version, s.updated_at, u.display_name as updated_by_name
		from run_steps s
		left join users a on a.id = s.assignee_id
		left join users u on u.id = s.updated_by
		left join users r on r.id = s.approval_requested_by
		left join users d on d.id = s.approval_decided_by
		left join users h on h.id = s.blocked_by
		where s.run_id = ${runId}
		order by s.position`;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function toRunStep(row: StepRow): RunStep {
	return {
		id: row.id,
		phase: row.phase,
		position: row.position,
		key: row.key,
		serverItemId: row.server_item_id,
		serverHostname: row.server_hostname,
		title: row.title,
		instructions: row.instructions,
		ownerSide: row.owner_side,
		role: row.role,
		plannedMinutes: row.planned_minutes,
		dependsOn: row.depends_on,
		itemIds: row.item_ids,
		state: row.state,
		assigneeId: row.assignee_id,
		assigneeName: row.assignee_name,
		startedAt: iso(row.started_at),
		endedAt: iso(row.ended_at),
		blockedReason: row.blocked_reason,
		hold:
			row.state === 'blocked' && row.blocked_at
				? { byId: row.blocked_by, byName: row.blocked_by_name, at: row.blocked_at.toISOString() }
				: null,
		skipReason: row.skip_reason,
		notes: row.notes,
		requiresApproval: row.requires_approval,
		approval: toApproval(row),
		version: row.version,
		updatedAt: row.updated_at.toISOString(),
		updatedByName: row.updated_by_name
	};
}

/** The approval as the room shows it, from the step's row; null until one is asked. */
export function toApproval(row: ApprovalColumns): StepApproval | null {
	if (!row.approval_state) return null;
	return {
		state: row.approval_state,
		requestedByName: row.approval_requested_by_name,
		requestedAt: iso(row.approval_requested_at),
		decidedByName: row.approval_decided_by_name,
		decidedAt: iso(row.approval_decided_at),
		reason: row.approval_reason
	};
}

export interface RunRow {
	id: string;
	incident_id: string;
	template_id: string;
	template_name: string;
	template_version: number;
	started_at: Date;
	started_by_name: string | null;
	timezone: string;
}

/** The run of an incident; `lock` takes its row lock so step changes of one run go one by one. */
export async function findRunRow(
	sql: Db,
	incidentId: string,
	lock = false
): Promise<RunRow | null> {
	const [row] = await sql<RunRow[]>`
		select r.id, r.incident_id, r.template_id, v.name as template_name, r.template_version,
			r.started_at, u.display_name as started_by_name, i.timezone
		from runbook_runs r
		join incidents i on i.id = r.incident_id
		join runbook_template_versions v on v.template_id = r.template_id and v.version = r.template_version
		left join users u on u.id = r.started_by
		where r.incident_id = ${incidentId}
		${lock ? sql`for update of r` : sql``}`;
	return row ?? null;
}

export function toRun(row: RunRow, steps: StepRow[]): Run {
	return {
		id: row.id,
		incidentId: row.incident_id,
		templateId: row.template_id,
		templateName: row.template_name,
		templateVersion: row.template_version,
		startedAt: row.started_at.toISOString(),
		startedByName: row.started_by_name,
		steps: steps.map(toRunStep)
	};
}

/** The run of an incident with its steps, or null; for a reader whose access is already known. */
export async function readIncidentRun(sql: Db, incidentId: string): Promise<Run | null> {
	const row = await findRunRow(sql, incidentId);
	if (!row) return null;
	return toRun(row, await listStepRows(sql, row.id));
}
