/**
 * What a person reads for each kind of event, in their language: one line, the same on an
 * organization's activity, an incident's timeline and the audit log. Declared for every kind
 * of the event map, so a new kind cannot be shown as its raw name.
 */
import { statusLabel as incidentStatusLabel } from '$lib/incidents/labels';
import { statusLabel as itemStatusLabel } from '$lib/inventory/labels';
import type { ItemStatus } from '$lib/inventory/model';
import { m } from '$lib/paraglide/messages';
import {
	actionStatusLabel,
	postmortemStatusLabel,
	SECTION_KEYS,
	sectionTitle
} from '$lib/postmortems/sections';
import { refreshSummary } from '$lib/postmortems/refresh';
import { roleLabel } from '$lib/organizations/roles';
import type { StepEventPayload } from '$lib/runbooks/events';
import { milestoneLine } from '$lib/milestones/labels';
import { maintenanceStatusLabel } from '$lib/status/labels';
import type { EventKind, EventPayloads, StatusChangedPayload } from './payloads';

type Describers = { [K in EventKind]: (payload: EventPayloads[K]) => string };

const reason = (p: { reason?: string | null }) => (p.reason ? ` — ${p.reason}` : '');
// A status this version does not know (an older row) reads as itself rather than "undefined".
const item = (status: ItemStatus) => itemStatusLabel(status) ?? status;

function serverStatus(p: StatusChangedPayload): string {
	const values = { hostname: p.hostname, from: item(p.from), to: item(p.to) };
	return p.reason
		? m.inventory_event_status_changed_reason({ ...values, reason: p.reason })
		: m.inventory_event_status_changed(values);
}

const step =
	(line: (values: { title: string }) => string, withReason = false) =>
	(p: StepEventPayload) =>
		line({ title: p.title }) + (withReason ? reason(p) : '');

export const EVENT_DESCRIPTIONS = {
	'organization.created': (p) => m.event_organization_created({ name: p.name }),
	'member.joined': (p) => m.event_member_joined({ role: roleLabel(p.role) }),
	'member.role_changed': (p) =>
		m.event_member_role_changed({ name: p.name, from: roleLabel(p.from), to: roleLabel(p.to) }),
	'member.removed': (p) => m.event_member_removed({ name: p.name }),
	'member.password_reset_issued': () => m.event_password_reset_issued(),
	'member.password_reset': () => m.event_password_reset(),
	'invite.created': (p) => m.event_invite_created({ role: roleLabel(p.role) }),
	'invite.revoked': () => m.event_invite_revoked(),
	'organization.invitation_received': (p) =>
		m.ev_invitation_received({ from: p.from, incident: p.title }),
	'organization.invitation_answered': (p) =>
		p.accepted
			? m.ev_invitation_accepted({ from: p.from, incident: p.title })
			: m.ev_invitation_declined({ from: p.from, incident: p.title }),
	'organization.invitation_code_changed': () => m.ev_invitation_code_changed(),
	'token.created': (p) => m.event_token_created({ name: p.name, role: roleLabel(p.role) }),
	'token.revoked': (p) => m.event_token_revoked({ name: p.name }),
	'integration.created': (p) => m.ops_ev_integration_created({ name: p.name }),
	'integration.rules_changed': (p) => m.ops_ev_integration_rules_changed({ name: p.name }),
	'integration.revoked': (p) => m.ops_ev_integration_revoked({ name: p.name }),
	'alert.firing': (p) => m.ops_ev_alert_firing({ count: p.count, title: p.title }),
	'alert.acknowledged': (p) => m.ops_ev_alert_acknowledged({ count: p.count, title: p.title }),
	'alert.resolved': (p) => m.ops_ev_alert_resolved({ count: p.count, title: p.title }),
	'alert.group_resolved': (p) => m.ops_ev_alert_group_resolved({ title: p.title }),
	'organization.sso_configured': (p) => m.sso_event_configured({ name: p.name }),
	'organization.sso_removed': (p) => m.sso_event_removed({ name: p.name }),
	'template.created': (p) => m.ev_template_created({ name: p.name }),
	'template.version_saved': (p) =>
		m.ev_template_version_saved({ name: p.name, version: p.version, steps: p.steps }),
	'inventory.created': (p) => m.inventory_event_created({ hostname: p.hostname }),
	'inventory.updated': (p) =>
		m.inventory_event_updated({ hostname: p.hostname, fields: (p.changed ?? []).join(', ') }),
	'inventory.deleted': (p) => m.inventory_event_deleted({ hostname: p.hostname }),
	'inventory.status_changed': serverStatus,
	'inventory.imported': (p) =>
		m.inventory_event_imported({ created: p.created, updated: p.updated }),
	'contact.created': (p) => m.ev_contact_created({ name: p.name, provider: p.provider }),
	'contact.updated': (p) => m.ev_contact_updated({ name: p.name }),
	'contact.deleted': (p) => m.ev_contact_deleted({ name: p.name }),
	'incident.declared': (p) => m.tl_declared({ severity: p.severity, title: p.title }),
	'incident.status_changed': (p) =>
		m.tl_status({ from: incidentStatusLabel(p.from), to: incidentStatusLabel(p.to) }) + reason(p),
	'incident.commander_changed': (p) => m.tl_commander({ name: p.name }),
	'incident.invited': (p) => m.tl_invited({ name: p.name }),
	'incident.invitation_declined': (p) => m.tl_invitation_declined({ name: p.name }),
	'incident.invitation_withdrawn': (p) => m.tl_invitation_withdrawn({ name: p.name }),
	'incident.shared': (p) => m.tl_shared({ name: p.name }),
	'incident.unshared': (p) => m.tl_unshared({ name: p.name }),
	'incident.left': (p) => m.tl_left({ name: p.name }),
	'timeline.note': (p) => p.text,
	'timeline.decision': (p) => p.text,
	'timeline.pinned': (p) =>
		p.pinned ? m.tl_pinned({ seq: String(p.seq) }) : m.tl_unpinned({ seq: String(p.seq) }),
	'contact.shared': (p) =>
		m.tl_contact_shared({ name: p.contact.name, provider: p.contact.providerName }),
	'contact.unshared': (p) => m.tl_contact_unshared({ name: p.name }),
	'contact.called': (p) => m.tl_called({ name: p.name, provider: p.provider, outcome: p.outcome }),
	'inventory.linked': (p) =>
		p.via?.tag
			? m.night_linked_tag({ hostname: p.hostname, tag: p.via.tag })
			: p.via?.dependsOn
				? m.night_linked_depends({ hostname: p.hostname, item: p.via.dependsOn })
				: p.via?.run
					? m.night_linked_run({ hostname: p.hostname, name: p.via.run })
					: m.inventory_event_linked({ hostname: p.hostname }),
	'inventory.unlinked': (p) => m.inventory_event_unlinked({ hostname: p.hostname }) + reason(p),
	'run.started': (p) => m.tl_run_started({ name: p.templateName }),
	'step.started': step(m.tl_step_started),
	'step.done': step(m.tl_step_done),
	'step.failed': step(m.tl_step_failed, true),
	'step.blocked': step(m.tl_step_blocked, true),
	'step.resumed': (p) =>
		p.overrodeHold
			? m.tl_step_resumed_override({
					title: p.title,
					name: p.overrodeHold.byName ?? '',
					reason: p.overrodeHold.reason ?? ''
				})
			: m.tl_step_resumed({ title: p.title }),
	'step.retried': step(m.tl_step_retried),
	'step.skipped': step(m.tl_step_skipped, true),
	'step.reopened': step(m.tl_step_reopened, true),
	'step.assigned': (p) => m.tl_step_assigned({ title: p.title, name: p.assigneeName ?? '' }),
	'step.noted': (p) => m.tl_step_noted({ title: p.title, note: p.note?.text ?? '' }),
	'step.approval_requested': step(m.tl_step_approval_requested),
	'step.approved': step(m.tl_step_approved),
	'step.approval_refused': step(m.tl_step_approval_refused, true),
	'postmortem.created': () => m.pm_tl_created(),
	'postmortem.section_saved': (p) =>
		m.pm_tl_section_saved({
			section: SECTION_KEYS.includes(p.key) ? sectionTitle(p.key) : p.key,
			version: String(p.version)
		}),
	'postmortem.refreshed': (p) => m.pm_tl_refreshed({ summary: refreshSummary(p) }),
	'postmortem.status_changed': (p) => m.pm_tl_status({ status: postmortemStatusLabel(p.to) }),
	'action_item.added': (p) =>
		m.pm_tl_item_added({ title: p.title, owner: p.ownerName ?? '', due: p.dueOn ?? '' }),
	'action_item.updated': (p) =>
		m.pm_tl_item_updated({ title: p.title, status: actionStatusLabel(p.status) }),
	'action_item.removed': (p) => m.pm_tl_item_removed({ title: p.title }),
	'milestone.trigger': milestoneLine,
	'milestone.detected': milestoneLine,
	'milestone.acknowledged': milestoneLine,
	'milestone.identified': milestoneLine,
	'milestone.mitigated': milestoneLine,
	'milestone.recovered': milestoneLine,
	// Ops out (issue 15)
	'webhook.created': (p) => m.hook_ev_created({ name: p.name }),
	'webhook.updated': (p) => m.hook_ev_updated({ name: p.name }),
	'webhook.secret_rotated': (p) => m.hook_ev_rotated({ name: p.name }),
	'webhook.deleted': (p) => m.hook_ev_deleted({ name: p.name }),
	'webhook.disabled': (p) => m.hook_ev_disabled({ name: p.name }),
	'status_page.changed': (p) => m.status_page_ev_changed({ slug: p.slug }),
	'status.public_update': (p) => m.status_page_ev_update({ name: p.name, body: p.body }),
	'incident.chat_changed': (p) => (p.enabled ? m.hook_ev_chat_on() : m.hook_ev_chat_off()),
	'status.maintenance_scheduled': (p) => m.status_ev_maintenance_scheduled({ name: p.name }),
	'status.maintenance_updated': (p) =>
		m.status_ev_maintenance_updated({ name: p.name, status: maintenanceStatusLabel(p.status) }),
	'status.maintenance_cancelled': (p) => m.status_ev_maintenance_cancelled({ name: p.name })
} satisfies Describers;

/** The line for one event: its kind's describer applied to its payload. */
export function describe<K extends EventKind>(event: {
	kind: K;
	payload: EventPayloads[K];
}): string {
	const table: Describers = EVENT_DESCRIPTIONS;
	const line: (payload: EventPayloads[K]) => string = table[event.kind];
	return line(event.payload);
}
