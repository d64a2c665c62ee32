/**
 * The audit log's entries, shared by the server (query, CSV) and the page. Which category an
 * event falls in is a column of the event map's traits (`EVENT_TRAITS`); sign-ins come from
 * their own table.
 */
import type { EventKind, EventPayloads } from '$lib/events/payloads';

export { AUDIT_CATEGORY_NAMES, type AuditCategory } from '$lib/events/traits';

/** Where an audit entry happened: the organization itself, one of its incidents, or a sign-in. */
export type AuditOrigin = 'organization' | 'incident' | 'auth';

export const AUTH_AUDIT_KINDS = [
	'auth.sign_in',
	'auth.sign_in_failed',
	'auth.sign_out',
	'auth.sign_out_everywhere',
	'auth.password_changed',
	'auth.password_reset',
	'auth.sign_out_others',
	'auth.session_ended',
	'auth.sso_sign_in',
	'auth.sso_linked',
	'auth.sso_provisioned',
	'auth.sso_refused',
	'auth.sso_session_ended',
	'auth.password_refused_sso'
] as const;
export type AuthAuditKind = (typeof AUTH_AUDIT_KINDS)[number];

interface AuditFields {
	/** Unique within the log: "e<id>" for an event, "a<id>" for a sign-in. */
	id: string;
	at: Date;
	actorId: string | null;
	actorName: string | null;
	address: string | null;
	source: string;
	/** The incident's title when it happened inside one. */
	incidentTitle: string | null;
	incidentId: string | null;
}

/** What changed: an event with its payload, or a sign-in with its email and browser. */
export type AuditRecord =
	| {
			origin: 'auth';
			kind: AuthAuditKind;
			details: { email: string | null; userAgent: string | null };
	  }
	| {
			[K in EventKind]: {
				origin: 'organization' | 'incident';
				kind: K;
				details: EventPayloads[K];
			};
	  }[EventKind];

export type AuditEntry = AuditFields & AuditRecord;
