/** Incident vocabulary shared by the server and the pages. */
export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const INCIDENT_STATUSES = [
	'investigating',
	'identified',
	'mitigating',
	'monitoring',
	'resolved',
	'closed'
] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const INCIDENT_MODES = ['real', 'drill'] as const;
export type IncidentMode = (typeof INCIDENT_MODES)[number];

/**
 * Status changes follow the lifecycle forward; an incident that was resolved or is being
 * monitored can go back to an active status (it broke again). A closed incident stays closed,
 * and only a resolved one can be closed.
 */
export function canChangeStatus(from: IncidentStatus, to: IncidentStatus): boolean {
	if (from === to || from === 'closed') return false;
	if (to === 'closed') return from === 'resolved';
	return true;
}

/** Milliseconds elapsed since detection, until resolution if resolved. */
export function elapsedMs(
	detectedAt: string | Date,
	resolvedAt: string | Date | null,
	now = Date.now()
): number {
	const start = new Date(detectedAt).getTime();
	const end = resolvedAt ? new Date(resolvedAt).getTime() : now;
	return Math.max(0, end - start);
}
