/**
 * Outgoing webhooks (issue 15): which group of event kinds an endpoint subscribes to. Placed
 * for every kind of the event map, so a new kind fails `npm run check` until it is placed;
 * null for what stays inside (members, tokens, secrets, templates, an organization's records).
 */
import { m } from '$lib/paraglide/messages';
import type { EventKind } from '$lib/events/payloads';
import { EVENT_KINDS, isEventKind } from '$lib/events/traits';

export const WEBHOOK_GROUPS = ['incident', 'runbook', 'timeline', 'alerts', 'postmortem'] as const;
export type WebhookGroup = (typeof WEBHOOK_GROUPS)[number];

export const WEBHOOK_FLAVOURS = ['standard', 'chat'] as const;
export type WebhookFlavour = (typeof WEBHOOK_FLAVOURS)[number];

export const KIND_GROUPS = {
	'organization.created': null,
	'member.joined': null,
	'member.role_changed': null,
	'member.removed': null,
	'member.password_reset_issued': null,
	'member.password_reset': null,
	'invite.created': null,
	'invite.revoked': null,
	'organization.invitation_received': null,
	'organization.invitation_answered': null,
	'organization.invitation_code_changed': null,
	'token.created': null,
	'token.revoked': null,
	'integration.created': null,
	'integration.rules_changed': null,
	'integration.revoked': null,
	'alert.firing': 'alerts',
	'alert.acknowledged': 'alerts',
	'alert.resolved': 'alerts',
	'alert.group_resolved': 'alerts',
	'organization.sso_configured': null,
	'organization.sso_removed': null,
	'template.created': null,
	'template.version_saved': null,
	'inventory.created': null,
	'inventory.updated': null,
	'inventory.deleted': null,
	'inventory.status_changed': 'incident',
	'inventory.imported': null,
	'contact.created': null,
	'contact.updated': null,
	'contact.deleted': null,
	'incident.declared': 'incident',
	'incident.status_changed': 'incident',
	'incident.commander_changed': 'incident',
	'incident.invited': 'incident',
	'incident.invitation_declined': 'incident',
	'incident.invitation_withdrawn': 'incident',
	'incident.shared': 'incident',
	'incident.unshared': 'incident',
	'incident.left': 'incident',
	'timeline.note': 'timeline',
	'timeline.decision': 'timeline',
	'timeline.pinned': null,
	'contact.shared': null,
	'contact.unshared': null,
	'contact.called': 'timeline',
	'inventory.linked': 'incident',
	'inventory.unlinked': 'incident',
	'run.started': 'runbook',
	'step.started': 'runbook',
	'step.done': 'runbook',
	'step.failed': 'runbook',
	'step.blocked': 'runbook',
	'step.resumed': 'runbook',
	'step.retried': 'runbook',
	'step.skipped': 'runbook',
	'step.reopened': 'runbook',
	'step.assigned': 'runbook',
	'step.noted': 'runbook',
	'step.approval_requested': 'runbook',
	'step.approved': 'runbook',
	'step.approval_refused': 'runbook',
	'postmortem.created': 'postmortem',
	'postmortem.section_saved': null,
	'postmortem.refreshed': null,
	'postmortem.status_changed': 'postmortem',
	'action_item.added': 'postmortem',
	'action_item.updated': 'postmortem',
	'action_item.removed': 'postmortem',
	'webhook.created': null,
	'webhook.updated': null,
	'webhook.secret_rotated': null,
	'webhook.deleted': null,
	'webhook.disabled': null,
	'status_page.changed': null,
	'status.public_update': 'incident',
	'incident.chat_changed': null,
	'status.maintenance_scheduled': null,
	'status.maintenance_updated': null,
	'status.maintenance_cancelled': null,
	'milestone.trigger': 'incident',
	'milestone.detected': 'incident',
	'milestone.acknowledged': 'incident',
	'milestone.identified': 'incident',
	'milestone.mitigated': 'incident',
	'milestone.recovered': 'incident'
} satisfies Record<EventKind, WebhookGroup | null>;

export function groupOf(kind: string): WebhookGroup | null {
	return isEventKind(kind) ? KIND_GROUPS[kind] : null;
}

/** The kinds a group sends, for the endpoint form's hint and the API's documentation. */
export function kindsOf(group: WebhookGroup): EventKind[] {
	return EVENT_KINDS.filter((kind) => KIND_GROUPS[kind] === group);
}

export const WEBHOOK_GROUP_LABELS = {
	incident: m.hook_group_incident,
	runbook: m.hook_group_runbook,
	timeline: m.hook_group_timeline,
	alerts: m.hook_group_alerts,
	postmortem: m.hook_group_postmortem
} satisfies Record<WebhookGroup, () => string>;

export const DELIVERY_STATUSES = ['pending', 'delivered', 'retrying', 'failed', 'refused'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
