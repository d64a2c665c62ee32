import type { StreamEvent } from '$lib/events/payloads';

/** A timeline row as the room shows it: the event, and whether it is pinned as key. */
export type TimelineEntry = StreamEvent & { pinned: boolean };

/** Applies one live event to the timeline: appends it, or flips a pin. Keeps occurred-at order. */
export function applyToTimeline(entries: TimelineEntry[], event: StreamEvent): TimelineEntry[] {
	if (entries.some((e) => e.seq === event.seq)) return entries;
	let next = entries;
	if (event.kind === 'timeline.pinned') {
		const { seq, pinned } = event.payload;
		next = entries.map((e) => (e.seq === seq ? { ...e, pinned } : e));
	}
	return [...next, { ...event, pinned: false }].sort(byOccurrence);
}

/** Why a note or decision was back-dated ('' when no reason was kept); null when it was not. */
export function backdateReason(event: StreamEvent): string | null {
	if (event.kind !== 'timeline.note' && event.kind !== 'timeline.decision') return null;
	return event.payload.backdated ? (event.payload.backdateReason ?? '') : null;
}

export function byOccurrence(a: StreamEvent, b: StreamEvent): number {
	return a.occurredAt === b.occurredAt ? a.seq - b.seq : a.occurredAt < b.occurredAt ? -1 : 1;
}
