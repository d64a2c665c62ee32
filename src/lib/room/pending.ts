import type { ItemStatus } from '$lib/inventory/model';
import type { Run, StepState } from '$lib/runbooks/types';
import type { TimelineEntry } from '$lib/timeline';
import type { RoomServer } from './servers';

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

const stepPreviews = (changes: readonly ShownChange[]) =>
	changes.flatMap((change) =>
		change.preview.kind === 'step' ? [{ change, preview: change.preview }] : []
	);
const serverPreviews = (changes: readonly ShownChange[]) =>
	changes.flatMap((change) =>
		change.preview.kind === 'server' ? [{ change, preview: change.preview }] : []
	);
const notePreviews = (changes: readonly ShownChange[]) =>
	changes.flatMap((change) =>
		change.preview.kind === 'note' ? [{ change, preview: change.preview }] : []
	);

/** The ids of what a preview changed and is not confirmed yet: the ones to mark pending. */
export interface Overlay<T> {
	value: T;
	pending: Set<string>;
}

/**
 * Applies the previews of steps, in the order they were made: each counts as one more version,
 * so a second change queued offline on the same step is sent against the right version.
 */
export function overlayRun(run: Run, changes: readonly ShownChange[]): Overlay<Run> {
	const pending = new Set<string>();
	let steps = run.steps;
	let changed = false;
	for (const { change, preview } of stepPreviews(changes)) {
		steps = steps.map((step) => {
			if (step.id !== preview.stepId || step.version > preview.baseVersion) return step;
			if (!change.confirmed) pending.add(step.id);
			changed = true;
			return { ...step, state: preview.to, version: preview.baseVersion + 1 };
		});
	}
	// Unchanged, the run stays the same object: nothing downstream recomputes.
	return { value: changed ? { ...run, steps } : run, pending };
}

export function overlayServers<T extends RoomServer>(
	servers: T[],
	changes: readonly ShownChange[]
): Overlay<T[]> {
	const pending = new Set<string>();
	let value = servers;
	for (const { change, preview } of serverPreviews(changes)) {
		value = value.map((server) => {
			if (server.id !== preview.itemId || server.version > preview.baseVersion) return server;
			if (!change.confirmed) pending.add(server.id);
			return { ...server, status: preview.to, version: preview.baseVersion + 1 };
		});
	}
	return { value, pending };
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
	return notePreviews(changes)
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
