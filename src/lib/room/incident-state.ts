import type { IncidentStatus } from '$lib/incidents';
import type { StreamEvent } from '$lib/realtime/protocol';

export interface IncidentHeadState {
	status: IncidentStatus;
	version: number;
	commanderName: string | null;
	resolvedAt: string | Date | null;
}

const ACTIVE: IncidentStatus[] = ['investigating', 'identified', 'mitigating', 'monitoring'];

/** Applies an incident-level event to the room's header state (pure: the page folds events). */
export function applyToIncident<T extends IncidentHeadState>(incident: T, event: StreamEvent): T {
	const p = event.payload;
	if (event.kind === 'incident.status_changed' && typeof p.to === 'string') {
		const to = p.to as IncidentStatus;
		const resolvedAt = ACTIVE.includes(to) ? null : (incident.resolvedAt ?? event.occurredAt);
		const version = typeof p.version === 'number' ? p.version : incident.version + 1;
		return { ...incident, status: to, version, resolvedAt };
	}
	if (event.kind === 'incident.commander_changed' && typeof p.name === 'string') {
		return { ...incident, commanderName: p.name, version: incident.version + 1 };
	}
	return incident;
}
