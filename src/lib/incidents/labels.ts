import type { IncidentStatus } from '$lib/incidents/types';
import { m } from '$lib/paraglide/messages';

export function statusLabel(status: IncidentStatus | string): string {
	const labels: Record<IncidentStatus, () => string> = {
		investigating: m.status_investigating,
		identified: m.status_identified,
		mitigating: m.status_mitigating,
		monitoring: m.status_monitoring,
		resolved: m.status_resolved,
		closed: m.status_closed
	};
	return labels[status as IncidentStatus]?.() ?? status;
}

/**
 * A status on its own (the room's header, the status choice, lists): the same word as in
 * sentences, capitalised, so the header and the choice read the same label.
 */
export function statusName(status: IncidentStatus | string): string {
	const label = statusLabel(status);
	return label.charAt(0).toLocaleUpperCase() + label.slice(1);
}
