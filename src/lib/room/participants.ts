import type { StreamEvent } from '$lib/realtime/protocol';

export interface Participant {
	id: string;
	name: string;
	kind: string;
}

/**
 * Applies `incident.shared` / `incident.unshared` to the organizations taking part (pure:
 * the room folds live events over what the server rendered).
 */
export function applyToParticipants(
	organizations: Participant[],
	event: StreamEvent
): Participant[] {
	if (event.kind === 'incident.shared') {
		const { organizationId: id, name, kind } = event.payload;
		if (organizations.some((o) => o.id === id)) return organizations;
		return [...organizations, { id, name, kind }];
	}
	if (event.kind === 'incident.unshared') {
		return organizations.filter((o) => o.id !== event.payload.organizationId);
	}
	return organizations;
}
