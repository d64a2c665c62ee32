import { randomUUID } from 'node:crypto';
import { expandTemplate, type ExpandedStep } from '$lib/runbooks/expansion';
import { RUN_STARTED } from '$lib/runbooks/events';
import { initialState } from '$lib/runbooks/readiness';
import type { ApprovalRequirement, TemplateBody } from '$lib/runbooks/types';
import { guardedRead } from '../access/guarded-read';
import type { Tx } from '../db/db';
import { AppError } from '../errors';
import { runCommand, type CommandContext, type Step } from '../events/command';
import { authorizeIncident, inIncident } from '../incidents/access';
import { parse } from '../validation';
import { resolveRequirements } from './approval-checks';
import { listInventoryRefs } from './inventory';
import { findRunRow, readIncidentRun } from './run-rows';
import { startRunInput } from './schemas';
import { m } from '$lib/paraglide/messages';

/**
 * Starts a template's CURRENT version inside an incident: its steps are copied (expanded over
 * the incident organization's servers carrying each step's tag), those waiting for nothing
 * start ready, and `run.started` is appended to the incident's timeline.
 */
export async function startRun(context: CommandContext, incidentId: string, input: unknown) {
	const { templateId } = parse(startRunInput, input);
	return runCommand(context, (tx, emit) =>
		startRunStep(tx, emit, context.actor, incidentId, templateId)
	);
}

/** The inner step of `startRun`. */
export const startRunStep: Step<
	[string, string],
	{ runId: string; templateVersion: number; steps: number }
> = async (tx, emit, actor, incidentId, templateId) => {
	const access = await authorizeIncident(actor, incidentId, 'run.start', tx);
	const template = await findTemplateForIncident(tx, incidentId, templateId);
	const existing = await findRunRow(tx, incidentId);
	if (existing) {
		throw new AppError(
			'conflict',
			m.err_run_already({
				name: existing.template_name,
				version: existing.template_version
			})
		);
	}
	const items = await listInventoryRefs(tx, access.ownerOrganizationId);
	const { steps, unmatched } = expandTemplate(template.body, items);
	const [missing] = unmatched;
	if (missing) {
		throw new AppError(
			'invalid',
			m.err_expand_tag_unmatched({ tag: missing.tag, title: missing.title })
		);
	}
	const runId = randomUUID();
	await tx`
		insert into runbook_runs (id, incident_id, template_id, template_version, started_by)
		values (${runId}, ${incidentId}, ${templateId}, ${template.version}, ${actor.userId})`;
	const requirements = await resolveRequirements(tx, steps, template.organization_id);
	await insertSteps(tx, runId, steps, requirements, actor.userId);
	await emit({
		streamId: incidentId,
		kind: RUN_STARTED,
		payload: {
			runId,
			templateId,
			templateName: template.name,
			templateVersion: template.version,
			steps: steps.length
		}
	});
	return { runId, templateVersion: template.version, steps: steps.length };
};

async function findTemplateForIncident(tx: Tx, incidentId: string, templateId: string) {
	const [row] = await tx<
		{ name: string; version: number; body: TemplateBody; organization_id: string }[]
	>`
		select v.name, v.version, v.body, t.organization_id
		from runbook_templates t
		join runbook_template_versions v on v.template_id = t.id and v.version = t.current_version
		where t.id = ${templateId}
			and t.organization_id in (
				select organization_id from incident_organizations where incident_id = ${incidentId})`;
	if (!row) {
		throw new AppError('not_found', m.err_template_not_in_incident());
	}
	return row;
}

async function insertSteps(
	tx: Tx,
	runId: string,
	steps: ExpandedStep[],
	requirements: (ApprovalRequirement | null)[],
	userId: string
) {
	if (steps.length === 0) return;
	const ids = new Map(steps.map((s) => [s.ref, randomUUID()]));
	const idOf = (ref: string) => {
		const id = ids.get(ref);
		if (!id) throw new Error(`expanded step refers to unknown ref ${ref}`);
		return id;
	};
	const rows = steps.map((s, i) => ({
		id: idOf(s.ref),
		run_id: runId,
		phase: s.phase,
		position: s.position,
		key: s.key,
		server_item_id: s.serverItemId,
		server_hostname: s.serverHostname,
		title: s.title,
		instructions: s.instructions,
		owner_side: s.ownerSide,
		role: s.role,
		planned_minutes: s.plannedMinutes,
		depends_on: s.dependsOn.map(idOf),
		item_ids: s.itemIds,
		state: initialState(s.dependsOn),
		requires_approval: requirementJson(tx, requirements[i] ?? null),
		updated_by: userId
	}));
	await tx`insert into run_steps ${tx(rows)}`;
}

function requirementJson(tx: Tx, requirement: ApprovalRequirement | null) {
	if (!requirement) return null;
	const { organizationId, organizationName = null, role } = requirement;
	return tx.json({ organizationId, organizationName, role });
}

/** The run of an incident with its steps, or null when none was started; viewers and above. */
export const readRun = guardedRead(inIncident('incident.view'), (incidentId, sql) =>
	readIncidentRun(sql, incidentId)
);
