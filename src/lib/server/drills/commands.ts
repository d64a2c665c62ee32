import { z } from 'zod';
import { SEVERITIES } from '$lib/incidents';
import { expandTemplate } from '$lib/runbooks/expansion';
import type { TemplateBody } from '$lib/runbooks/types';
import { authorize } from '../access/authorize';
import { db } from '../db/db';
import { AppError } from '../errors';
import type { CommandContext } from '../events/command';
import { declareIncident } from '../incidents/commands';
import { shareIncident } from '../incidents/sharing';
import { listInventoryRefs } from '../runbooks/inventory';
import { startRun } from '../runbooks/runs';
import { parse, uuid } from '../validation';
import { listPartners } from '../organizations/partners';

const drillInput = z.object({
	title: z
		.string()
		.trim()
		.max(140, { message: 'Use at most 140 characters for the title.' })
		.default(''),
	severity: z.enum(SEVERITIES, { message: 'Choose a severity from SEV1 to SEV4.' }).default('SEV1'),
	invite: z
		.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(uuid))
		.default([]),
	timezone: z.string().trim().max(64).optional()
});

/**
 * Starts a drill of a template: an incident in drill mode, with the chosen partner
 * organizations invited and the template's runbook running, so it is rehearsed in the
 * ordinary room. Everything that could refuse it is checked before anything is written.
 */
export async function startDrill(
	context: CommandContext,
	organizationId: string,
	templateId: string,
	input: unknown
) {
	const data = parse(drillInput, input);
	const template = await checkDrill(context, organizationId, templateId, data.invite);
	const declared = await declareIncident(context, organizationId, {
		title: data.title || `Drill: ${template.name}`,
		severity: data.severity,
		summary: `Rehearsal of “${template.name}”. Not a real incident.`,
		mode: 'drill',
		timezone: data.timezone
	});
	const { incidentId } = declared.result;
	// A retried form (same mutation id) finds the drill already started: nothing more to do.
	if (declared.replayed) return { incidentId };
	const actor = { actor: context.actor };
	for (const partner of data.invite)
		await shareIncident(actor, incidentId, { organizationId: partner });
	await startRun(actor, incidentId, { templateId });
	return { incidentId };
}

async function checkDrill(
	context: CommandContext,
	organizationId: string,
	templateId: string,
	invite: string[]
) {
	await authorize(context.actor, organizationId, 'incident.declare');
	await authorize(context.actor, organizationId, 'run.start');
	if (invite.length > 0) await authorize(context.actor, organizationId, 'incident.share');
	const [template] = await db()<{ name: string; body: TemplateBody }[]>`
		select t.name, v.body from runbook_templates t
		join runbook_template_versions v on v.template_id = t.id and v.version = t.current_version
		where t.id = ${templateId} and t.organization_id = ${organizationId}`;
	if (!template) throw new AppError('not_found', 'This template does not exist.');
	const [missing] = expandTemplate(
		template.body,
		await listInventoryRefs(db(), organizationId)
	).unmatched;
	if (missing) {
		throw new AppError(
			'invalid',
			`No server of this organization carries the tag “${missing.tag}” that “${missing.title}” expands over.`
		);
	}
	const partners = new Set((await listPartners(organizationId)).map((p) => p.id));
	const stranger = invite.find((id) => !partners.has(id));
	if (stranger) {
		throw new AppError(
			'invalid',
			'A drill can invite only the providers and partners this organization works with.',
			{ invite: 'Choose among the organizations offered.' }
		);
	}
	return template;
}
