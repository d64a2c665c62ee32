import type { TemplateBody } from '$lib/runbooks/types';
import { templateSteps } from '$lib/runbooks/template-check';
import { authorize } from '../access/authorize';
import type { Tx } from '../db/db';
import { AppError } from '../errors';
import { runCommand, type CommandContext } from '../events/command';
import { parse } from '../validation';
import { parseTemplateBody } from './body';
import { assertItemsOfOrganization } from './inventory';
import { createTemplateInput, saveTemplateInput } from './schemas';
import { m } from '$lib/paraglide/messages';

/** Creates a template (version 1) in an organization; admins and above. */
export async function createTemplate(
	context: CommandContext,
	organizationId: string,
	input: unknown
) {
	const data = parse(createTemplateInput, input);
	const body = parseTemplateBody(data.body);
	return runCommand(context, async (tx, emit) => {
		await authorize(context.actor, organizationId, 'template.edit', tx);
		await assertItemsOfOrganization(tx, organizationId, linkedItems(body));
		await assertNameFree(tx, organizationId, data.name, null);
		const [row] = await tx<{ id: string }[]>`
			insert into runbook_templates (organization_id, name, description, created_by)
			values (${organizationId}, ${data.name}, ${data.description}, ${context.actor.userId})
			returning id`;
		if (!row) throw new Error('template insert returned no row');
		await insertVersion(tx, row.id, 1, data, body, context.actor.userId);
		await emit({
			streamId: organizationId,
			kind: 'template.created',
			payload: { templateId: row.id, name: data.name, version: 1 }
		});
		return { templateId: row.id, version: 1 };
	});
}

/**
 * Saves the editor's content as the template's next version. Refused when someone saved
 * meanwhile (the editor's version is stale), with the step names of a cycle, or by name for
 * an unknown dependency. Runs already started keep the version they started from.
 */
export async function saveTemplateVersion(
	context: CommandContext,
	templateId: string,
	input: unknown
) {
	const data = parse(saveTemplateInput, input);
	const body = parseTemplateBody(data.body);
	return runCommand(context, async (tx, emit) => {
		const current = await lockTemplate(tx, templateId);
		await authorize(context.actor, current.organization_id, 'template.edit', tx);
		if (current.version !== data.version) {
			throw new AppError(
				'conflict',
				current.updated_by_name
					? m.err_template_saved_meanwhile({
							name: current.updated_by_name,
							version: current.current_version,
							template: current.name
						})
					: m.err_template_saved_meanwhile_someone({
							version: current.current_version,
							template: current.name
						})
			);
		}
		await assertItemsOfOrganization(tx, current.organization_id, linkedItems(body));
		await assertNameFree(tx, current.organization_id, data.name, templateId);
		const next = current.current_version + 1;
		await insertVersion(tx, templateId, next, data, body, context.actor.userId);
		const [row] = await tx<{ version: number }[]>`
			update runbook_templates
			set name = ${data.name}, description = ${data.description}, current_version = ${next},
				updated_at = now(), version = version + 1
			where id = ${templateId}
			returning version`;
		await emit({
			streamId: current.organization_id,
			kind: 'template.version_saved',
			payload: { templateId, name: data.name, version: next, steps: templateSteps(body).length }
		});
		return { templateId, templateVersion: next, version: row?.version ?? current.version + 1 };
	});
}

function linkedItems(body: TemplateBody): string[] {
	return templateSteps(body).flatMap((s) => s.itemIds);
}

async function insertVersion(
	tx: Tx,
	templateId: string,
	version: number,
	header: { name: string; description: string },
	body: TemplateBody,
	userId: string
) {
	await tx`
		insert into runbook_template_versions (template_id, version, name, description, body, created_by)
		values (${templateId}, ${version}, ${header.name}, ${header.description},
			${tx.json(JSON.parse(JSON.stringify(body)))}, ${userId})`;
}

async function lockTemplate(tx: Tx, templateId: string) {
	const [row] = await tx<
		{
			organization_id: string;
			name: string;
			current_version: number;
			version: number;
			updated_by_name: string | null;
		}[]
	>`
		select t.organization_id, t.name, t.current_version, t.version, u.display_name as updated_by_name
		from runbook_templates t
		left join runbook_template_versions v on v.template_id = t.id and v.version = t.current_version
		left join users u on u.id = v.created_by
		where t.id = ${templateId}
		for update of t`;
	if (!row) throw new AppError('not_found', m.err_template_not_found());
	return row;
}

async function assertNameFree(
	tx: Tx,
	organizationId: string,
	name: string,
	exceptId: string | null
) {
	const [taken] = await tx<{ id: string }[]>`
		select id from runbook_templates
		where organization_id = ${organizationId} and lower(name) = lower(${name})
			and id is distinct from ${exceptId}::uuid`;
	if (taken) {
		throw new AppError('conflict', m.err_template_name_taken({ name }), {
			name: m.err_template_name_taken({ name })
		});
	}
}
