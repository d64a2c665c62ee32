import type { ItemStatus } from '$lib/inventory/model';
import type { Run, StepState } from '$lib/runbooks/types';
import type { TimelineEntry } from '$lib/timeline/fold';
import type { RoomServer } from '../inventory/room-servers';

/**
 * What a change will look like once the server applies it, so the room can show it at once
 * instead of ~1 s later on a slow link (or never, offline). Kept with the outbox entry, so it
 * survives a reload. The version is the one the change was sent against: once the room's state
 * has moved past it, the server's own event shows the change and the preview steps aside.
 */
export type PendingChange =
	| { kind: 'step'; stepId: string; to: StepState; baseVersion: number }
	| { kind: 'server'; itemId: string; to: ItemStatus; baseVersion: number }
	| { kind: 'note'; noteKind: 'note' | 'decision'; text: string; occurredAt: string | null };

/**
 * A change the room shows before its event arrives: still waiting for the server (`confirmed`
 * false: marked pending), or accepted and waiting for its live event (`seq` when known).
 */
export interface ShownChange {
	id: string;
	incidentId: string;
	preview: PendingChange;
	confirmed: boolean;
	seq: number | null;
	createdAt: string;
}

type PreviewOf<K extends PendingChange['kind']> = Extract<PendingChange, { kind: K }>;

const isKind = <K extends PendingChange['kind']>(
	preview: PendingChange,
	kind: K
): preview is PreviewOf<K> => preview.kind === kind;

/** The changes of one kind, in the order they were made, each with its preview. */
const previewsOf = <K extends PendingChange['kind']>(changes: readonly ShownChange[], kind: K) =>
	changes.flatMap(({ preview, ...change }) =>
		isKind(preview, kind) ? [{ change: { ...change, preview }, preview }] : []
	);

/** The ids of what a preview changed and is not confirmed yet: the ones to mark pending. */
export interface Overlay<T> {
	value: T;
	pending: Set<string>;
}

interface Versioned {
	id: string;
	version: number;
}

/**
 * Applies previews to versioned rows in the order they were made: each counts as one more
 * version, so a second change queued offline on the same row is sent against the right one.
 * A row already past a preview's version shows the server's own state. Unchanged, the list
 * stays the same object: nothing downstream recomputes.
 */
function overlayRows<T extends Versioned>(
	rows: T[],
	previews: { change: ShownChange; id: string; baseVersion: number; patch: (row: T) => T }[]
): Overlay<T[]> {
	const pending = new Set<string>();
	let value = rows;
	for (const { change, id, baseVersion, patch } of previews) {
		const at = value.findIndex((row) => row.id === id && row.version <= baseVersion);
		const row = value[at];
		if (!row) continue;
		if (!change.confirmed) pending.add(id);
		value = value.with(at, { ...patch(row), version: baseVersion + 1 });
	}
	return { value, pending };
}

export function overlayRun(run: Run, changes: readonly ShownChange[]): Overlay<Run> {
	const { value: steps, pending } = overlayRows(
		run.steps,
		previewsOf(changes, 'step').map(({ change, preview }) => ({
			change,
			id: preview.stepId,
			baseVersion: preview.baseVersion,
			patch: (step) => ({ ...step, state: preview.to })
		}))
	);
	return { value: steps === run.steps ? run : { ...run, steps }, pending };
}

export function overlayServers<T extends RoomServer>(
	servers: T[],
	changes: readonly ShownChange[]
): Overlay<T[]> {
	return overlayRows(
		servers,
		previewsOf(changes, 'server').map(({ change, preview }) => ({
			change,
			id: preview.itemId,
			baseVersion: preview.baseVersion,
			patch: (server) => ({ ...server, status: preview.to })
		}))
	);
}

export interface PendingNote {
	id: string;
	kind: 'note' | 'decision';
	text: string;
	occurredAt: string;
	confirmed: boolean;
}

/** Notes typed here that the timeline does not show yet, newest first. */
export function pendingNotes(
	changes: readonly ShownChange[],
	timeline: readonly Pick<TimelineEntry, 'seq'>[]
): PendingNote[] {
	const shown = new Set(timeline.map((entry) => entry.seq));
	return previewsOf(changes, 'note')
		.filter(({ change }) => change.seq === null || !shown.has(change.seq))
		.map(({ change, preview }) => ({
			id: change.id,
			kind: preview.noteKind,
			text: preview.text,
			occurredAt: preview.occurredAt ?? change.createdAt,
			confirmed: change.confirmed
		}))
		.toReversed();
}
