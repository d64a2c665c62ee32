/** The post-mortem's vocabulary, shared by the server, the page and the exports. */
import { m } from '$lib/paraglide/messages';
import { labels } from '$lib/text/labels';
import type { EventKind, StreamEvent } from '$lib/events/payloads';

export const SECTION_KEYS = [
	'summary',
	'impact',
	'timeline',
	'root_cause',
	'went_well',
	'went_badly'
] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

export const POSTMORTEM_STATUSES = ['draft', 'in_review', 'published'] as const;
export type PostmortemStatus = (typeof POSTMORTEM_STATUSES)[number];

export const ACTION_ITEM_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];

/** Still to do: what the open and overdue lists count. */
export const OPEN_ACTION_STATUSES: readonly ActionItemStatus[] = ['open', 'in_progress'];

export const SECTION_MAX = 20_000;

export interface Section {
	key: SectionKey;
	body: string;
	version: number;
	updatedAt: string;
	updatedByName: string | null;
}

export interface ActionItemView {
	id: string;
	title: string;
	ownerId: string | null;
	ownerName: string | null;
	ownerOrganizationName: string | null;
	/** A calendar date, YYYY-MM-DD. */
	dueOn: string;
	status: ActionItemStatus;
	version: number;
}

/**
 * Draft ⇄ in review → published; a published post-mortem changes no more, except by starting
 * a revision (back to draft), which keeps every publication as it was.
 */
export function canMovePostmortem(from: PostmortemStatus, to: PostmortemStatus): boolean {
	if (from === to) return false;
	if (from === 'draft') return to === 'in_review';
	if (from === 'in_review') return to === 'draft' || to === 'published';
	return to === 'draft';
}

export const sectionTitle = labels<SectionKey>({
	summary: m.pm_section_summary,
	impact: m.pm_section_impact,
	timeline: m.pm_section_timeline,
	root_cause: m.pm_section_root_cause,
	went_well: m.pm_section_went_well,
	went_badly: m.pm_section_went_badly
});

export const postmortemStatusLabel = labels<PostmortemStatus>({
	draft: m.pm_status_draft,
	in_review: m.pm_status_in_review,
	published: m.pm_status_published
});

export const actionStatusLabel = labels<ActionItemStatus>({
	open: m.pm_action_status_open,
	in_progress: m.pm_action_status_in_progress,
	done: m.pm_action_status_done,
	cancelled: m.pm_action_status_cancelled
});

/** Whether an action item still to do is past its due date (dates compared as YYYY-MM-DD). */
export function isOverdue(item: Pick<ActionItemView, 'dueOn' | 'status'>, today: string): boolean {
	return OPEN_ACTION_STATUSES.includes(item.status) && item.dueOn < today;
}

/** Today's date in a timezone, as YYYY-MM-DD. */
export function todayIn(timeZone: string, now = Date.now()): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' }).format(new Date(now));
}

export const SECTION_SAVED = 'postmortem.section_saved' satisfies EventKind;

export interface SectionSavedPayload {
	key: SectionKey;
	body: string;
	version: number;
}

/** A section saved by someone, read from a live event (null for any other event). */
export function sectionSaved(event: StreamEvent): SectionSavedPayload | null {
	if (event.kind !== SECTION_SAVED) return null;
	return SECTION_KEYS.includes(event.payload.key) ? event.payload : null;
}
