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
