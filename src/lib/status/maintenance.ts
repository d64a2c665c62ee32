/**
 * Scheduled maintenances of a status page, in Statuspage's terms: scheduled → in_progress →
 * verifying → completed. An admin sets the status by hand; the clock moves it on too, only
 * forward: a scheduled one is in progress from its start, and a scheduled or in-progress one
 * is completed at its end. "Verifying" is only set by hand, and ended by hand.
 */

export const MAINTENANCE_STATUSES = ['scheduled', 'in_progress', 'verifying', 'completed'] as const;
export type MaintenanceStatus = (typeof MAINTENANCE_STATUSES)[number];

const rank = (status: MaintenanceStatus) => MAINTENANCE_STATUSES.indexOf(status);

export function effectiveMaintenanceStatus(
	maintenance: { status: MaintenanceStatus; scheduledFor: Date; scheduledUntil: Date },
	now: Date = new Date()
): MaintenanceStatus {
	const { status } = maintenance;
	if (status === 'completed' || status === 'verifying') return status;
	if (now.getTime() >= maintenance.scheduledUntil.getTime()) return 'completed';
	if (status === 'scheduled' && now.getTime() >= maintenance.scheduledFor.getTime()) {
		return 'in_progress';
	}
	return status;
}

/** A status by hand only moves forward from the one shown (a completed one is over). */
export function canMoveTo(current: MaintenanceStatus, next: MaintenanceStatus): boolean {
	return current !== 'completed' && rank(next) >= rank(current);
}

/** While in progress or verifying, its components read "under maintenance" (outages stay shown). */
export function isUnderWay(status: MaintenanceStatus): boolean {
	return status === 'in_progress' || status === 'verifying';
}
