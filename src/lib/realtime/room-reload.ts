import type { StreamEvent } from '$lib/realtime/protocol';
import { milestoneOfKind } from '$lib/milestones/model';
import { needsRunReload } from '$lib/runbooks/events';

/**
 * Events the room shows by reading its data again rather than folding them: a new run, servers attached
 * or detached (their rows, roles and versions are not in the event) and milestones (few, and
 * the figures follow them). Rare in a night, so a reload costs nothing that matters.
 */
export function needsRoomReload(event: Pick<StreamEvent, 'kind'>): boolean {
	return (
		needsRunReload(event) ||
		event.kind === 'inventory.linked' ||
		event.kind === 'inventory.unlinked' ||
		milestoneOfKind(event.kind) !== null
	);
}
