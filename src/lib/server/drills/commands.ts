import { z } from 'zod';
import { SEVERITIES } from '$lib/incidents/types';
import { expandTemplate } from '$lib/runbooks/expansion';
import type { TemplateBody } from '$lib/runbooks/types';
import type { Actor } from '../access/actor';
import { authorize } from '../access/authorize';
import type { Tx } from '../db/db';
import { AppError } from '../errors';
import { runCommand, type CommandContext } from '../events/command';
import { declareIncidentStep } from '../incidents/commands';
import { declareInput } from '../incidents/schemas';
import { inviteOrganizationStep } from '../incidents/invitations';
import { listInventoryRefs } from '../runbooks/inventory';
import { startRunStep } from '../runbooks/runs';
import { parse, uuid } from '../validation';
import { listInvitablePartners } from '../organizations/partners';
import { m } from '$lib/paraglide/messages';

const drillInput = z.object({
	title: z
		.string()
		.trim()
		.max(140, { error: () => m.val_incident_title_long() })
		.default(''),
	severity: z.enum(SEVERITIES, { error: () => m.val_severity_choice() }).default('SEV1'),
	invite: z
		.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(uuid))
		.default([]),
	timezone: z.string().trim().max(64).optional()
});

/**
 * Starts a drill of a template: an incident in drill mode, with the chosen partner
 * organizations invited and the template's runbook running, so it is rehearsed in the
 * ordinary room. One transaction and one mutation id: a failure at any step leaves nothing,
 * and a retry either finds the drill started or starts all of it.
 */
export async function startDrill(
	context: CommandContext,
	organizationId: string,
	templateId: string,
	input: unknown
) {
	const data = parse(drillInput, input);
	const { actor } = context;
	const { result } = await runCommand(context, async (tx, emit) => {
		const template = await checkDrill(tx, actor, organizationId, templateId, data.invite);
		const declaration = parse(declareInput, {
			title: data.title || m.drill_default_title({ name: template.name }),
			severity: data.severity,
			summary: m.drill_summary({ name: template.name }),
			mode: 'drill',
			timezone: data.timezone
		});
		const { incidentId } = await declareIncidentStep(tx, emit, actor, organizationId, declaration);
		for (const partner of data.invite) {
			await inviteOrganizationStep(tx, emit, actor, incidentId, { organizationId: partner });
		}
		await startRunStep(tx, emit, actor, incidentId, templateId);
		return { incidentId };
	});
	return result;
}

/** What could refuse the drill, checked before anything is written. */
async function checkDrill(
	tx: Tx,
	actor: Actor,
	organizationId: string,
	templateId: string,
	invite: string[]
) {
	await authorize(actor, organizationId, 'incident.declare', tx);
	await authorize(actor, organizationId, 'run.start', tx);
	if (invite.length > 0) await authorize(actor, organizationId, 'incident.share', tx);
	const [template] = await tx<{ name: string; body: TemplateBody }[]>`
		select t.name, v.body from runbook_templates t
		join runbook_template_versions v on v.template_id = t.id and v.version = t.current_version
		where t.id = ${templateId} and t.organization_id = ${organizationId}`;
	if (!template) throw new AppError('not_found', m.err_template_not_found_plain());
	const [missing] = expandTemplate(
		template.body,
		await listInventoryRefs(tx, organizationId)
	).unmatched;
	if (missing) {
		throw new AppError(
			'invalid',
			m.err_expand_tag_unmatched_org({ tag: missing.tag, title: missing.title })
		);
	}
	const partners = new Set((await listInvitablePartners(organizationId, tx)).map((p) => p.id));
	const stranger = invite.find((id) => !partners.has(id));
	if (stranger) {
		throw new AppError('invalid', m.err_drill_stranger(), { invite: m.val_drill_invite() });
	}
	return template;
}
