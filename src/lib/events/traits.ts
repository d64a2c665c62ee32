/**
 * Per kind of event, what the pages and the server need besides its words: the icon shown with
 * them, the timeline filter it falls under, its audit-log category, and the least role that may
 * read it on its stream. Declared for every kind of the event map: a new kind fails
 * `npm run check` until it is placed in each column.
 */
import { m } from '$lib/paraglide/messages';
import type { Role } from '$lib/organizations/roles';
import type { EventKind } from './payloads';

/** The timeline's kind filter; null for kinds that never appear on an incident's timeline. */
export type TimelineGroup = 'notes' | 'steps' | 'incident' | 'calls' | 'servers' | 'postmortem';

/** The audit log's categories (sign-ins come from their own table, not from events). */
export const AUDIT_CATEGORY_NAMES = [
	'members',
	'tokens',
	'templates',
	'inventory',
	'contacts',
	'incidents',
	'sign_ins'
] as const;
export type AuditCategory = (typeof AUDIT_CATEGORY_NAMES)[number];

export interface EventTraits {
	/** Shown beside the words, never instead of them. */
	icon: string;
	group: TimelineGroup | null;
	audit: Exclude<AuditCategory, 'sign_ins'>;
	/**
	 * The least role that may read the event on its stream (API, live room, resync): what only
	 * the audit log and the tokens page show (members, invites, tokens) stays with admins.
	 */
	readers: Role;
}

const org = (audit: EventTraits['audit'], readers: Role = 'viewer'): EventTraits => ({
	icon: '·',
	group: null,
	audit,
	readers
});
const room = (group: TimelineGroup, icon = '·', audit: EventTraits['audit'] = 'incidents') => ({
	icon,
	group,
	audit,
	readers: 'viewer' as const
});

export const EVENT_TRAITS = {
	'organization.created': org('members'),
	'member.joined': org('members', 'admin'),
	'member.role_changed': org('members', 'admin'),
	'member.removed': org('members', 'admin'),
	'member.password_reset_issued': org('members', 'admin'),
	'member.password_reset': org('members', 'admin'),
	'invite.created': org('members', 'admin'),
	'invite.revoked': org('members', 'admin'),
	'organization.invitation_received': org('incidents', 'admin'),
	'organization.invitation_answered': org('incidents', 'admin'),
	'organization.invitation_code_changed': org('members', 'admin'),
	'token.created': org('tokens', 'admin'),
	'token.revoked': org('tokens', 'admin'),
	'integration.created': org('tokens', 'admin'),
	'integration.rules_changed': org('tokens', 'admin'),
	'integration.revoked': org('tokens', 'admin'),
	'alert.firing': room('incident', '🔔'),
	'alert.acknowledged': room('incident', '🔔'),
	'alert.resolved': room('incident', '✓'),
	'alert.group_resolved': room('incident', '✓'),
	'organization.sso_configured': org('members', 'admin'),
	'organization.sso_removed': org('members', 'admin'),
	'template.created': org('templates'),
	'template.version_saved': org('templates'),
	'inventory.created': org('inventory'),
	'inventory.updated': org('inventory'),
	'inventory.deleted': org('inventory'),
	'inventory.status_changed': room('servers', '◐', 'inventory'),
	'inventory.imported': org('inventory'),
	'contact.created': org('contacts'),
	'contact.updated': org('contacts'),
	'contact.deleted': org('contacts'),
	'incident.declared': room('incident', '●'),
	'incident.status_changed': room('incident', '●'),
	'incident.commander_changed': room('incident', '●'),
	'incident.invited': room('incident', '✉'),
	'incident.invitation_declined': room('incident', '✉'),
	'incident.invitation_withdrawn': room('incident', '✉'),
	'incident.shared': room('incident', '●'),
	'incident.unshared': room('incident', '●'),
	'incident.left': room('incident', '●'),
	'timeline.note': room('notes', '✎'),
	'timeline.decision': room('notes', '◆'),
	'timeline.pinned': room('notes'),
	'contact.shared': room('calls', '☎', 'contacts'),
	'contact.unshared': room('calls', '☎', 'contacts'),
	'contact.called': room('calls', '☎', 'contacts'),
	'inventory.linked': room('servers', '◐', 'inventory'),
	'inventory.unlinked': room('servers', '◐', 'inventory'),
	'run.started': room('steps'),
	'step.started': room('steps'),
	'step.done': room('steps', '✓'),
	'step.failed': room('steps', '✕'),
	'step.blocked': room('steps', '⏸'),
	'step.resumed': room('steps'),
	'step.retried': room('steps'),
	'step.skipped': room('steps'),
	'step.reopened': room('steps'),
	'step.assigned': room('steps'),
	'step.noted': room('steps'),
	'step.approval_requested': room('steps'),
	'step.approved': room('steps'),
	'step.approval_refused': room('steps'),
	'postmortem.created': room('postmortem'),
	'postmortem.section_saved': room('postmortem'),
	'postmortem.refreshed': room('postmortem'),
	'postmortem.status_changed': room('postmortem'),
	'action_item.added': room('postmortem'),
	'action_item.updated': room('postmortem'),
	'action_item.removed': room('postmortem'),
	// Issue 11: milestones.
	'milestone.trigger': room('incident', '⚑'),
	'milestone.detected': room('incident', '⚑'),
	'milestone.acknowledged': room('incident', '⚑'),
	'milestone.identified': room('incident', '⚑'),
	'milestone.mitigated': room('incident', '⚑'),
	'milestone.recovered': room('incident', '⚑'),
	// Ops out (issue 15)
	'webhook.created': org('tokens', 'admin'),
	'webhook.updated': org('tokens', 'admin'),
	'webhook.secret_rotated': org('tokens', 'admin'),
	'webhook.deleted': org('tokens', 'admin'),
	'webhook.disabled': org('tokens', 'admin'),
	'status_page.changed': org('members'),
	'status.public_update': room('incident', '📣'),
	'incident.chat_changed': room('incident', '●'),
	'status.maintenance_scheduled': org('members'),
	'status.maintenance_updated': org('members'),
	'status.maintenance_cancelled': org('members')
} satisfies Record<EventKind, EventTraits>;

export const EVENT_KINDS = Object.keys(EVENT_TRAITS).filter(isEventKind);

export function isEventKind(kind: string): kind is EventKind {
	return Object.hasOwn(EVENT_TRAITS, kind);
}

/** The kinds of one audit category, for the log's filter. */
export function kindsOfCategory(category: AuditCategory): EventKind[] {
	return EVENT_KINDS.filter((kind) => EVENT_TRAITS[kind].audit === category);
}

/** The kinds of one timeline filter. */
export function kindsOfGroup(group: TimelineGroup): EventKind[] {
	return EVENT_KINDS.filter((kind) => EVENT_TRAITS[kind].group === group);
}

/** The icon for an event kind; a kind this version does not know (an older row) gets a dot. */
export function eventIcon(kind: string): string {
	return isEventKind(kind) ? EVENT_TRAITS[kind].icon : '·';
}

export const TIMELINE_GROUPS = {
	notes: m.timeline_kind_notes,
	steps: m.timeline_kind_steps,
	incident: m.timeline_kind_incident,
	calls: m.timeline_kind_calls,
	servers: m.timeline_kind_servers,
	postmortem: m.ev_group_postmortem
} satisfies Record<TimelineGroup, () => string>;
