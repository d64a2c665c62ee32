/**
 * The one map of event kinds: every kind a stream can hold and the payload it carries.
 * Shared with the browser (types only), so it imports nothing from the server. A new kind is
 * added here first; `npm run check` then names every table that must learn it
 * (descriptions, traits) until each has it.
 */
import type { Contact } from '$lib/contacts/types';
import type { IncidentMode, IncidentStatus, Severity } from '$lib/incidents/types';
import type { ItemStatus } from '$lib/inventory/model';
import type { Milestone } from '$lib/milestones/model';
import type { ActionItemStatus, PostmortemStatus, SectionKey } from '$lib/postmortems/sections';
import type { OrganizationKind, Role } from '$lib/organizations/roles';
import type { StepEventPayload } from '$lib/runbooks/events';
import type { MaintenanceStatus } from '$lib/status/maintenance';

/** A server's live status moving, on its organization's stream and on each open incident's. */
export interface StatusChangedPayload {
	itemId: string;
	hostname: string;
	from: ItemStatus;
	to: ItemStatus;
	reason?: string;
	/** The item's version after the change. */
	version: number;
	/** Why it was recorded at an earlier time than it was typed (issue 11). */
	backdateReason?: string | null;
}

/** A milestone of the incident set, or corrected (`previous` is the time it replaces). */
export interface MilestonePayload {
	milestone: Milestone;
	previous: string | null;
	/** Why it was corrected, or why it was recorded later than it happened. */
	reason: string | null;
	backdateReason?: string | null;
}

export interface ActionItemPayload {
	id: string;
	title: string;
	ownerId: string | null;
	ownerName: string | null;
	ownerOrganizationName: string | null;
	dueOn: string | null;
	status: ActionItemStatus;
	version: number;
}

export interface NotePayload {
	text: string;
	backdated: boolean;
	backdateReason: string | null;
}

/** Alerts of one group changing state (one event per notification, not per alert). */
export interface AlertEventPayload {
	groupId: string;
	title: string;
	count: number;
	alerts: {
		fingerprint: string;
		summary: string;
		severity: string | null;
		labels: Record<string, string>;
	}[];
}

export interface InvitationPayload {
	invitationId: string;
	organizationId: string;
	name: string;
	kind: OrganizationKind;
}

/** What the invited organization's admins are told: only the title and who invites. */
export interface InvitationReceivedPayload {
	invitationId: string;
	incidentId: string;
	title: string;
	from: string;
}

export interface EventPayloads {
	// An organization's own stream.
	'organization.created': { name: string; kind: OrganizationKind };
	/** Joined by an invitation (`inviteId`) or through an identity provider (`via`). */
	'member.joined': { userId: string; name: string; role: Role; inviteId?: string; via?: string };
	'member.role_changed': {
		userId: string;
		name: string;
		from: Role;
		to: Role;
		version: number;
		/** Set when an identity provider's groups changed the role. */
		via?: string;
	};
	'member.removed': { userId: string; name: string; role: Role };
	'member.password_reset_issued': { userId: string; expiresAt: string };
	'member.password_reset': { userId: string };
	'invite.created': { inviteId: string; role: Role; email: string | null; expiresAt: string };
	'invite.revoked': { inviteId: string };
	'organization.invitation_received': InvitationReceivedPayload;
	'organization.invitation_answered': InvitationReceivedPayload & { accepted: boolean };
	'organization.invitation_code_changed': Record<string, never>;
	'token.created': { tokenId: string; name: string; role: Role };
	'token.revoked': { tokenId: string; name: string; role: Role };
	'integration.created': { integrationId: string; kind: string; name: string };
	'integration.rules_changed': {
		integrationId: string;
		name: string;
		action: string;
		serverStatus: string | null;
	};
	'integration.revoked': { integrationId: string; name: string; kind: string };
	'alert.firing': AlertEventPayload;
	'alert.acknowledged': AlertEventPayload;
	'alert.resolved': AlertEventPayload;
	'alert.group_resolved': { groupId: string; title: string; integration: string };
	'organization.sso_configured': {
		name: string;
		issuer: string;
		requireSso: boolean;
		domains: string;
	};
	'organization.sso_removed': { name: string };
	/** `version` is the template's version number (1, 2, …), not a row version. */
	'template.created': { templateId: string; name: string; version: number };
	'template.version_saved': { templateId: string; name: string; version: number; steps: number };
	'inventory.created': { itemId: string; hostname: string; status: ItemStatus; version: number };
	'inventory.updated': { itemId: string; hostname: string; version: number; changed: string[] };
	'inventory.deleted': {
		itemId: string;
		hostname: string;
		dependents: string[];
		dependsOn: string[];
	};
	'inventory.status_changed': StatusChangedPayload;
	'inventory.imported': {
		/** The mapping used was kept for the organization's next imports. */
		mappingSaved?: boolean;
		format: string;
		created: number;
		updated: number;
		createdHostnames: string[];
		updatedHostnames: string[];
	};
	'contact.created': { contactId: string; name: string; provider: string };
	'contact.updated': { contactId: string; name: string; version: number };
	'contact.deleted': { contactId: string; name: string };
	// An incident's stream.
	'incident.declared': {
		title: string;
		severity: Severity;
		mode: IncidentMode;
		detectedAt: string;
	};
	'incident.status_changed': {
		from: IncidentStatus;
		to: IncidentStatus;
		reason: string | null;
		version: number;
		backdateReason?: string | null;
	};
	'incident.commander_changed': {
		userId: string;
		name: string;
		previous: string | null;
		version: number;
	};
	/** An invitation sent; the invited organization sees nothing until it accepts. */
	'incident.invited': InvitationPayload;
	'incident.invitation_declined': InvitationPayload;
	'incident.invitation_withdrawn': InvitationPayload;
	/** An organization takes part: it accepted an invitation (or declared the incident). */
	'incident.shared': {
		organizationId: string;
		name: string;
		kind: OrganizationKind;
		invitationId?: string;
	};
	/** Removed by the declaring organization. */
	'incident.unshared': { organizationId: string; name: string };
	/** Left on its own decision. */
	'incident.left': { organizationId: string; name: string };
	'timeline.note': NotePayload;
	'timeline.decision': NotePayload;
	'timeline.pinned': { seq: number; pinned: boolean };
	/** A contact of one organization shown to the partners of this incident. */
	'contact.shared': { contact: Contact };
	'contact.unshared': {
		contactId: string;
		name: string;
		organizationId: string;
		visibleToPartners: boolean;
	};
	'contact.called': {
		contactId: string;
		name: string;
		function: string;
		provider: string;
		escalationLevel: number;
		phone: string | null;
		outcome: string;
		backdateReason?: string | null;
	};
	/** `via`: the tag, the item whose dependents were attached, or the run that expanded over it. */
	'inventory.linked': {
		itemId: string;
		hostname: string;
		status: ItemStatus;
		via?: { tag?: string; dependsOn?: string; run?: string };
	};
	'inventory.unlinked': { itemId: string; hostname: string; reason?: string | null };
	'run.started': {
		runId: string;
		templateId: string;
		templateName: string;
		templateVersion: number;
		steps: number;
	};
	'step.started': StepEventPayload;
	'step.done': StepEventPayload;
	'step.failed': StepEventPayload;
	'step.blocked': StepEventPayload;
	'step.resumed': StepEventPayload;
	'step.retried': StepEventPayload;
	'step.skipped': StepEventPayload;
	'step.reopened': StepEventPayload;
	'step.assigned': StepEventPayload;
	'step.noted': StepEventPayload;
	'step.approval_requested': StepEventPayload;
	'step.approved': StepEventPayload;
	'step.approval_refused': StepEventPayload;
	'postmortem.created': Record<string, never>;
	'postmortem.section_saved': { key: SectionKey; body: string; version: number };
	/** The generated parts written again from the record; what people wrote kept. */
	'postmortem.refreshed': {
		sections: { key: SectionKey; version: number }[];
		added: number;
		removed: number;
		changed: number;
		kept: number;
	};
	'postmortem.status_changed': {
		from: PostmortemStatus;
		to: PostmortemStatus;
		publication: number;
		version: number;
	};
	'action_item.added': ActionItemPayload;
	'action_item.updated': ActionItemPayload & { from: ActionItemStatus };
	'action_item.removed': { id: string; title: string };
	// Issue 11: the milestones of an incident, one kind each, at their true times.
	'milestone.trigger': MilestonePayload;
	'milestone.detected': MilestonePayload;
	'milestone.acknowledged': MilestonePayload;
	'milestone.identified': MilestonePayload;
	'milestone.mitigated': MilestonePayload;
	'milestone.recovered': MilestonePayload;
	// Ops out (issue 15): an organization's webhook endpoints, its status page, public updates.
	'webhook.created': { endpointId: string; name: string; flavour: string; groups: string[] };
	'webhook.updated': { endpointId: string; name: string; enabled: boolean; version: number };
	'webhook.secret_rotated': { endpointId: string; name: string; previousUntil: string };
	'webhook.deleted': { endpointId: string; name: string };
	'webhook.disabled': { endpointId: string; name: string; reason: string };
	'status_page.changed': { slug: string; enabled: boolean; components: number };
	'status.public_update': {
		statusIncidentId: string;
		name: string;
		phase: string;
		body: string;
		impact: string;
	};
	'incident.chat_changed': { enabled: boolean };
	'status.maintenance_scheduled': {
		maintenanceId: string;
		name: string;
		scheduledFor: string;
		scheduledUntil: string;
		components: number;
	};
	'status.maintenance_updated': {
		maintenanceId: string;
		name: string;
		from: MaintenanceStatus;
		status: MaintenanceStatus;
	};
	'status.maintenance_cancelled': { maintenanceId: string; name: string };
}

export type EventKind = keyof EventPayloads;

export type StreamKind = 'organization' | 'incident';

export type EventSource = 'manual' | 'automatic' | 'api' | 'alert';

/**
 * `Base` with the kind and payload of one kind of event: a union the compiler narrows on
 * `kind`, so a reader that checked the kind reads a typed payload.
 */
export type EventOf<Base, K extends EventKind = EventKind> = {
	[P in K]: Base & { kind: P; payload: EventPayloads[P] };
}[K];

export interface StreamEventFields {
	streamId: string;
	streamKind: StreamKind;
	seq: number;
	actorId: string | null;
	actorName: string | null;
	source: EventSource;
	occurredAt: string;
	recordedAt: string;
}

/** One stored event of a stream, as the server publishes it and the browser folds it. */
export type StreamEvent<K extends EventKind = EventKind> = EventOf<StreamEventFields, K>;

/**
 * What a person who may not read an event of the stream receives in its place: its number
 * only, so the sequence stays gapless for them and nothing of the event is revealed.
 */
export interface WithheldEvent extends Pick<StreamEventFields, 'streamId' | 'streamKind' | 'seq'> {
	withheld: true;
}

/** What a live room delivers: an event, or the place of one withheld from this reader. */
export type DeliveredEvent = StreamEvent | WithheldEvent;

export function isWithheld(event: DeliveredEvent): event is WithheldEvent {
	return 'withheld' in event;
}

/** A type guard for `filter`: keeps the events of the given kinds, typed. */
export function ofKind<K extends EventKind>(...kinds: K[]) {
	return <E extends { kind: EventKind }>(event: E): event is Extract<E, { kind: K }> =>
		(kinds as EventKind[]).includes(event.kind);
}
