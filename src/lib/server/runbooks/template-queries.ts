import type { TemplateBody } from '$lib/runbooks/types';
import type { Actor } from '../access/actor';
import { authorize, inOrganization } from '../access/authorize';
import { guardedRead } from '../access/guarded-read';
import { db, type Db } from '../db/db';
import { AppError } from '../errors';
import { m } from '$lib/paraglide/messages';

export interface TemplateSummary {
	id: string;
	name: string;
	description: string;
	currentVersion: number;
	stepCount: number;
	updatedAt: Date;
}

/** The templates of an organization, by name; viewers and above. */
export const listTemplates = guardedRead(
	inOrganization('template.view'),
	(organizationId, sql): Promise<TemplateSummary[]> => sql<TemplateSummary[]>`
		select t.id, t.name, t.description, t.current_version as "currentVersion",
			coalesce((select sum(jsonb_array_length(p -> 'steps'))
				from jsonb_array_elements(v.body -> 'phases') p), 0)::int as "stepCount",
			t.updated_at as "updatedAt"
		from runbook_templates t
		join runbook_template_versions v on v.template_id = t.id and v.version = t.current_version
		where t.organization_id = ${organizationId}
		order by lower(t.name)`
);

export interface TemplateVersionInfo {
	version: number;
	createdAt: Date;
	createdByName: string | null;
}

export interface TemplateDetail {
	id: string;
	organizationId: string;
	name: string;
	description: string;
	currentVersion: number;
	/** The template row's version, for the editor's optimistic concurrency. */
	version: number;
	/** The version read (the current one unless asked otherwise). */
	shownVersion: number;
	body: TemplateBody;
	versions: TemplateVersionInfo[];
}

/** One version of a template (the current one by default) with the list of all versions. */
export async function readTemplate(
	actor: Pick<Actor, 'userId'>,
	templateId: string,
	version: number | null = null,
	sql: Db = db()
): Promise<TemplateDetail> {
	const [template] = await sql<
		{ organization_id: string; current_version: number; version: number }[]
	>`select organization_id, current_version, version from runbook_templates where id = ${templateId}`;
	if (!template) throw new AppError('not_found', m.err_template_not_found());
	await authorize(actor, template.organization_id, 'template.view', sql);
	const shown = version ?? template.current_version;
	const [row] = await sql<{ name: string; description: string; body: TemplateBody }[]>`
		select name, description, body from runbook_template_versions
		where template_id = ${templateId} and version = ${shown}`;
	if (!row) throw new AppError('not_found', m.err_template_no_version({ version: shown }));
	const versions = await sql<TemplateVersionInfo[]>`
		select v.version, v.created_at as "createdAt", u.display_name as "createdByName"
		from runbook_template_versions v left join users u on u.id = v.created_by
		where v.template_id = ${templateId}
		order by v.version desc`;
	return {
		id: templateId,
		organizationId: template.organization_id,
		name: row.name,
		description: row.description,
		currentVersion: template.current_version,
		version: template.version,
		shownVersion: shown,
		body: row.body,
		versions
	};
}
