import type { IncidentStatus } from '$lib/incidents/types';
import type { StreamEvent } from '$lib/realtime/protocol';

export interface IncidentHeadState {
	status: IncidentStatus;
	version: number;
	commanderName: string | null;
	resolvedAt: string | Date | null;
	chatUpdates?: boolean;
}

const ACTIVE: IncidentStatus[] = ['investigating', 'identified', 'mitigating', 'monitoring'];

/** Applies an incident-level event to the room's header state (pure: the page folds events). */
export function applyToIncident<T extends IncidentHeadState>(incident: T, event: StreamEvent): T {
	if (event.kind === 'incident.status_changed') {
		const { to, version } = event.payload;
		const resolvedAt = ACTIVE.includes(to) ? null : (incident.resolvedAt ?? event.occurredAt);
		return { ...incident, status: to, version, resolvedAt };
	}
	if (event.kind === 'incident.commander_changed') {
		const { name, version } = event.payload;
		return { ...incident, commanderName: name, version };
	}
	if (event.kind === 'incident.chat_changed') {
		return { ...incident, chatUpdates: event.payload.enabled };
	}
	return incident;
}
