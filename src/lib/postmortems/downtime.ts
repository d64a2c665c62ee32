import { ofKind } from '$lib/events/payloads';
import { m } from '$lib/paraglide/messages';
import { formatDuration } from '$lib/time/duration';
import { formatHourMinute } from '$lib/time/format';
import { MINUTE, inOccurrenceOrder, ref } from './events';
import { impactStart, resolutionTime } from './figures';
import type { EventRef, Figure, FigureFormat, FigureInput, FigureItem } from './types';

/** A server or service in one of these states is not serving anyone. */
export const UNAVAILABLE_STATUSES: string[] = ['down', 'rebuilding'];

export interface Interval {
	start: number;
	end: number;
}

export interface ItemDowntime {
	itemId: string;
	hostname: string;
	criticality: string;
	intervals: Interval[];
	minutes: number;
}

export interface DowntimeFigure extends Figure {
	items: ItemDowntime[];
	byCriticality: { criticality: string; minutes: number }[];
}

/**
 * The items whose downtime counts: affected items with a criticality; when services (the
 * catalogue, the payment pages) are among them, only those, since a service is what customers
 * lose, and one server of four down does not take a shop down.
 */
export function criticalItems(items: readonly FigureItem[]): FigureItem[] {
	const critical = items.filter((i) => i.criticality.trim() !== '');
	const services = critical.filter((i) => i.kind === 'service');
	return services.length > 0 ? services : critical;
}

/** Merges overlapping intervals; the total is what they cover together. */
export function union(intervals: readonly Interval[]): Interval[] {
	const sorted = [...intervals].filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
	const merged: Interval[] = [];
	for (const next of sorted) {
		const last = merged.at(-1);
		if (last && next.start <= last.end) last.end = Math.max(last.end, next.end);
		else merged.push({ ...next });
	}
	return merged;
}

export function covered(intervals: readonly Interval[]): number {
	return union(intervals).reduce((sum, i) => sum + (i.end - i.start) / MINUTE, 0);
}

/**
 * One item's unavailable intervals from its status changes. An item already down at its first
 * recorded change was down since the start of the impact (or the detection, if unknown); one
 * still down at the end counts until the resolution (or now).
 */
export function itemDowntime(
	item: FigureItem,
	input: FigureInput
): { downtime: ItemDowntime; used: EventRef[] } | null {
	const changes = inOccurrenceOrder(input.events)
		.filter(ofKind('inventory.status_changed'))
		.filter((e) => e.payload.itemId === item.id);
	const first = changes[0];
	if (!first) return null;
	const origin = Date.parse(impactStart(input)?.occurredAt ?? input.incident.detectedAt);
	const end = Date.parse(resolutionTime(input) ?? new Date(input.now).toISOString());
	const intervals: Interval[] = [];
	let down = UNAVAILABLE_STATUSES.includes(first.payload.from)
		? Math.min(origin, Date.parse(first.occurredAt))
		: null;
	for (const change of changes) {
		const at = Date.parse(change.occurredAt);
		const unavailable = UNAVAILABLE_STATUSES.includes(change.payload.to);
		if (unavailable && down === null) down = at;
		else if (!unavailable && down !== null) {
			intervals.push({ start: down, end: at });
			down = null;
		}
	}
	if (down !== null) intervals.push({ start: down, end: Math.max(down, end) });
	const merged = union(intervals);
	return {
		downtime: {
			itemId: item.id,
			hostname: item.hostname,
			criticality: item.criticality,
			intervals: merged,
			minutes: covered(merged)
		},
		used: changes.map((c) => ref(c, 'status_change', `${item.hostname} → ${c.payload.to}`))
	};
}

/**
 * Total downtime of the critical services: the time during which at least one of them was
 * unavailable, so two services down together count once.
 */
export function criticalDowntime(input: FigureInput, format: FigureFormat): DowntimeFigure {
	const considered = criticalItems(input.items);
	const measured = considered.flatMap((item) => {
		const found = itemDowntime(item, input);
		return found ? [found] : [];
	});
	if (measured.length === 0) {
		return {
			value: null,
			explanation:
				considered.length === 0 ? m.pm_fig_downtime_no_items() : m.pm_fig_downtime_no_changes(),
			events: [],
			items: [],
			byCriticality: []
		};
	}
	const items = measured.map((x) => x.downtime);
	const classes = [...new Set(items.map((i) => i.criticality))];
	const hm = (t: number) => formatHourMinute(t, format.timezone, format.locale);
	const detail = items
		.map(
			(i) =>
				`${i.hostname} (${i.criticality}) ${i.intervals.map((x) => `${hm(x.start)}–${hm(x.end)}`).join(', ') || '—'} = ${formatDuration(i.minutes)}`
		)
		.join('; ');
	return {
		value: covered(items.flatMap((i) => i.intervals)),
		explanation: m.pm_fig_downtime({ detail }),
		events: measured.flatMap((x) => x.used),
		items,
		byCriticality: classes.map((criticality) => ({
			criticality,
			minutes: covered(
				items.filter((i) => i.criticality === criticality).flatMap((i) => i.intervals)
			)
		}))
	};
}
