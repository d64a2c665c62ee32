import type { EventOf, StreamEvent } from '$lib/events/payloads';
import { m } from '$lib/paraglide/messages';

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

/** Recorded more than two minutes after it happened: told afterwards, at its true time. */
export const TOLD_LATE_MS = 2 * 60_000;

/**
 * Why an entry was back-dated ('' when no reason was kept); null when it was not. A note or
 * decision says so itself; any other fact told at an earlier true time (a status change, a
 * milestone, a step's start or finish, a server's status, a call) carries `backdateReason`
 * and was recorded well after it occurred.
 */
export function backdateReason(
	event: EventOf<{ occurredAt: string; recordedAt?: string }>
): string | null {
	if (event.kind === 'timeline.note' || event.kind === 'timeline.decision')
		return event.payload.backdated ? (event.payload.backdateReason ?? '') : null;
	const payload: object = event.payload;
	if (!('backdateReason' in payload)) return null;
	const reason = typeof payload.backdateReason === 'string' ? payload.backdateReason : null;
	const late = event.recordedAt
		? Date.parse(event.recordedAt) - Date.parse(event.occurredAt) > TOLD_LATE_MS
		: reason !== null;
	return late ? (reason ?? '') : null;
}

/** The back-dating mark as people read it: "back-dated: reason", or "back-dated". */
export function backdateLabel(reason: string): string {
	return reason ? m.timeline_backdated({ reason }) : m.timeline_backdated_no_reason();
}

export function byOccurrence(a: StreamEvent, b: StreamEvent): number {
	return a.occurredAt === b.occurredAt ? a.seq - b.seq : a.occurredAt < b.occurredAt ? -1 : 1;
}
