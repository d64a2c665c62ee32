import type { StreamEvent } from '$lib/realtime/protocol';

/** A timeline row as the room shows it: the event, and whether it is pinned as key. */
export type TimelineEntry = StreamEvent & { pinned: boolean };

/** Applies one live event to the timeline: appends it, or flips a pin. Keeps occurred-at order. */
export function applyToTimeline(entries: TimelineEntry[], event: StreamEvent): TimelineEntry[] {
	if (entries.some((e) => e.seq === event.seq)) return entries;
	let next = entries;
	if (event.kind === 'timeline.pinned') {
		const { seq, pinned } = event.payload as { seq?: number; pinned?: boolean };
		next = entries.map((e) => (e.seq === seq ? { ...e, pinned: Boolean(pinned) } : e));
	}
	return [...next, { ...event, pinned: false }].sort(byOccurrence);
}

export function byOccurrence(a: StreamEvent, b: StreamEvent): number {
	return a.occurredAt === b.occurredAt ? a.seq - b.seq : a.occurredAt < b.occurredAt ? -1 : 1;
}
