import { EVENT_TRAITS, isEventKind, type TimelineGroup } from '$lib/events/traits';
import type { StreamEvent } from '$lib/events/payloads';
import type { TimelineEntry } from '$lib/timeline/fold';

/** How many timeline entries the room renders at first, and each "earlier" fetches. */
export const TIMELINE_PAGE_SIZE = 100;

/** The timeline's filters, applied by the server (and to live events by the page). */
export interface TimelineFilter {
	group: TimelineGroup | null;
	actorId: string | null;
}

export const NO_FILTER: TimelineFilter = { group: null, actorId: null };

/**
 * One page of the timeline, newest first. `nextCursor` fetches the page just before the last
 * entry (null: this page reaches the first event); `total` counts every entry the filter keeps.
 */
export interface TimelinePage {
	items: TimelineEntry[];
	nextCursor: string | null;
	total: number;
}

/** Who acted in the incident, for the actor filter (every page, not only the loaded ones). */
export interface TimelineActor {
	id: string;
	name: string;
}

/** Kinds kept by the timeline: the pin toggles flip an entry, they are not entries. */
export function isTimelineKind(kind: string): boolean {
	return kind !== 'timeline.pinned';
}

/** Whether an entry passes the filter (the same test the server's query makes). */
export function matchesTimelineFilter(event: StreamEvent, filter: TimelineFilter): boolean {
	if (!isTimelineKind(event.kind)) return false;
	if (filter.group && (!isEventKind(event.kind) || EVENT_TRAITS[event.kind].group !== filter.group))
		return false;
	return !filter.actorId || event.actorId === filter.actorId;
}

/** Newest first: later occurred-at first, then the higher sequence number. */
export function newestFirst(a: StreamEvent, b: StreamEvent): number {
	if (a.occurredAt === b.occurredAt) return b.seq - a.seq;
	return a.occurredAt < b.occurredAt ? 1 : -1;
}

/** Where an event goes in a newest-first list: a binary search, O(log n). */
export function insertionIndex(entries: readonly StreamEvent[], event: StreamEvent): number {
	let low = 0;
	let high = entries.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		const at = entries[middle];
		if (at && newestFirst(at, event) < 0) low = middle + 1;
		else high = middle;
	}
	return low;
}

/**
 * A live event placed into the loaded, newest-first timeline (a new array; the same one when
 * nothing changes): inserted where it happened, or, for a pin, the pinned entry flipped. An
 * event older than the oldest loaded entry of a partial timeline is left for "earlier".
 */
export function placeInTimeline(
	entries: TimelineEntry[],
	event: StreamEvent,
	filter: TimelineFilter,
	partial: boolean
): TimelineEntry[] {
	if (event.kind === 'timeline.pinned') {
		const { seq, pinned } = event.payload;
		const at = entries.findIndex((e) => e.seq === seq);
		const target = entries[at];
		if (!target || target.pinned === pinned) return entries;
		return entries.with(at, { ...target, pinned });
	}
	if (!matchesTimelineFilter(event, filter)) return entries;
	const index = insertionIndex(entries, event);
	if (entries[index]?.seq === event.seq) return entries;
	if (partial && index === entries.length) return entries;
	return entries.toSpliced(index, 0, { ...event, pinned: false });
}

/** An earlier page appended to the loaded entries, each entry once. */
export function appendPage(entries: TimelineEntry[], page: TimelineEntry[]): TimelineEntry[] {
	const known = new Set(entries.map((e) => e.seq));
	return [...entries, ...page.filter((e) => !known.has(e.seq))];
}

/** The filter as query parameters (for the endpoint, and the no-JavaScript form). */
export function filterQuery(filter: TimelineFilter): URLSearchParams {
	const query = new URLSearchParams();
	if (filter.group) query.set('group', filter.group);
	if (filter.actorId) query.set('actor', filter.actorId);
	return query;
}
