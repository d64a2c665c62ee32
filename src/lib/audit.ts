/**
 * The audit log's categories, shared by the server (filters) and the page (labels). An event
 * belongs to a category by the prefix of its kind; sign-ins come from their own table.
 */
export const AUDIT_CATEGORIES = {
	members: ['organization.', 'member.', 'invite.'],
	tokens: ['token.'],
	templates: ['template.'],
	inventory: ['inventory.'],
	contacts: ['contact.'],
	incidents: ['incident.', 'timeline.', 'run.', 'step.', 'postmortem.', 'drill.'],
	sign_ins: []
} as const satisfies Record<string, readonly string[]>;

export type AuditCategory = keyof typeof AUDIT_CATEGORIES;

export const AUDIT_CATEGORY_NAMES = Object.keys(AUDIT_CATEGORIES) as AuditCategory[];

/** Where an audit entry happened: the organization itself, one of its incidents, or a sign-in. */
export type AuditOrigin = 'organization' | 'incident' | 'auth';

export interface AuditEntry {
	/** Unique within the log: "e<id>" for an event, "a<id>" for a sign-in. */
	id: string;
	at: Date;
	origin: AuditOrigin;
	kind: string;
	actorId: string | null;
	actorName: string | null;
	address: string | null;
	source: string;
	/** The incident's title when it happened inside one. */
	incidentTitle: string | null;
	incidentId: string | null;
	/** What changed (the event's payload), or the sign-in's email and browser. */
	details: Record<string, unknown>;
}
