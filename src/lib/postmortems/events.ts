import { describe } from '$lib/events/describe';
import { formatTime } from '$lib/time/format';
import type { EventRef, EventRole, FigureEvent, FigureFormat } from './types';

export const MINUTE = 60_000;

/** Events in the order things happened: occurred-at (back-dated ones move back), then sequence. */
export function inOccurrenceOrder<T extends Pick<FigureEvent, 'occurredAt' | 'seq'>>(
	events: readonly T[]
): T[] {
	return [...events].sort(
		(a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || a.seq - b.seq
	);
}

export function minutesBetween(from: string | number, to: string | number): number {
	const start = typeof from === 'number' ? from : Date.parse(from);
	const end = typeof to === 'number' ? to : Date.parse(to);
	return (end - start) / MINUTE;
}

export function ref(event: FigureEvent, role: EventRole, detail?: string): EventRef {
	return {
		seq: event.seq,
		kind: event.kind,
		text: describe(event),
		occurredAt: event.occurredAt,
		role,
		...(detail ? { detail } : {})
	};
}

export function clock(iso: string | number, format: FigureFormat): string {
	return formatTime(new Date(iso), format.timezone, format.locale, {
		withYear: format.withYear,
		now: format.now
	});
}

/** "#12" — how explanations name an event, so a reader can find it in the timeline. */
export function seqLabel(event: Pick<FigureEvent, 'seq'>): string {
	return `#${event.seq}`;
}
