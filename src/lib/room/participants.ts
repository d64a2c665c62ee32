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
	const p = event.payload;
	if (typeof p.organizationId !== 'string') return organizations;
	const id = p.organizationId;
	if (event.kind === 'incident.shared' && !organizations.some((o) => o.id === id)) {
		const name = typeof p.name === 'string' ? p.name : id;
		const kind = typeof p.kind === 'string' ? p.kind : 'provider';
		return [...organizations, { id, name, kind }];
	}
	if (event.kind === 'incident.unshared') return organizations.filter((o) => o.id !== id);
	return organizations;
}
