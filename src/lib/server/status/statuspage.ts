import { INDICATOR_DESCRIPTIONS } from '$lib/status/model';
import type {
	PublicComponent,
	PublicIncident,
	PublicMaintenance,
	PublicStatus
} from '$lib/status/public';

/**
 * The page in Atlassian Statuspage's public API shape (`/api/v2/summary.json`,
 * `/api/v2/status.json`), which status aggregators and monitoring tools already read.
 * Only what the page shows is in it.
 */

const iso = (date: Date | null) => (date ? date.toISOString() : null);

function pageOf(status: PublicStatus, origin: string) {
	return {
		id: status.page.id,
		name: status.page.title,
		url: `${origin}/status/${status.page.slug}`,
		time_zone: 'Etc/UTC',
		updated_at: iso(status.page.updatedAt)
	};
}

function indicatorOf(status: PublicStatus) {
	return { indicator: status.indicator, description: INDICATOR_DESCRIPTIONS[status.indicator] };
}

function componentOf(status: PublicStatus, component: PublicComponent) {
	return {
		id: component.id,
		name: component.name,
		status: component.state,
		created_at: iso(component.createdAt),
		updated_at: iso(component.updatedAt),
		position: component.position + 1,
		description: null,
		showcase: true,
		start_date: null,
		group_id: null,
		page_id: status.page.id,
		group: false,
		only_show_if_degraded: false
	};
}

/** The page's components among these ids, in the page's order. */
function componentsOf(status: PublicStatus, ids: string[]) {
	return status.components
		.filter((component) => ids.includes(component.id))
		.map((component) => componentOf(status, component));
}

function incidentOf(status: PublicStatus, origin: string, incident: PublicIncident) {
	const monitoring = incident.updates.filter((u) => u.phase === 'monitoring').at(-1);
	return {
		id: incident.id,
		name: incident.name,
		status: incident.phase,
		created_at: iso(incident.createdAt),
		updated_at: iso(incident.updatedAt),
		monitoring_at: iso(monitoring?.createdAt ?? null),
		resolved_at: iso(incident.resolvedAt),
		impact: incident.impact,
		shortlink: `${origin}/status/${status.page.slug}#incident-${incident.id}`,
		started_at: iso(incident.createdAt),
		page_id: status.page.id,
		incident_updates: incident.updates.map((update) => ({
			id: update.id,
			status: update.phase,
			body: update.body,
			incident_id: incident.id,
			created_at: iso(update.createdAt),
			updated_at: iso(update.createdAt),
			display_at: iso(update.createdAt),
			affected_components:
				update.changes.length === 0
					? null
					: update.changes.map((change) => ({
							code: change.componentId,
							name: change.name,
							old_status: change.from,
							new_status: change.to
						})),
			deliver_notifications: true,
			custom_tweet: null,
			tweet_id: null
		})),
		components: componentsOf(status, incident.componentIds)
	};
}

/** Statuspage's scheduled maintenance: an incident with `impact: maintenance` and its window. */
function maintenanceOf(status: PublicStatus, origin: string, maintenance: PublicMaintenance) {
	const started = [...maintenance.updates].reverse().find((u) => u.status === 'in_progress');
	const completed = maintenance.updates.find((u) => u.status === 'completed');
	return {
		id: maintenance.id,
		name: maintenance.name,
		status: maintenance.status,
		created_at: iso(maintenance.createdAt),
		updated_at: iso(maintenance.updatedAt),
		monitoring_at: null,
		resolved_at:
			maintenance.status === 'completed'
				? iso(completed?.createdAt ?? maintenance.scheduledUntil)
				: null,
		impact: 'maintenance',
		shortlink: `${origin}/status/${status.page.slug}#maintenance-${maintenance.id}`,
		started_at: iso(started?.createdAt ?? maintenance.scheduledFor),
		page_id: status.page.id,
		incident_updates: maintenance.updates.map((update) => ({
			id: update.id,
			status: update.status,
			body: update.body,
			incident_id: maintenance.id,
			created_at: iso(update.createdAt),
			updated_at: iso(update.createdAt),
			display_at: iso(update.createdAt),
			affected_components: null,
			deliver_notifications: true,
			custom_tweet: null,
			tweet_id: null
		})),
		components: componentsOf(status, maintenance.componentIds),
		scheduled_for: iso(maintenance.scheduledFor),
		scheduled_until: iso(maintenance.scheduledUntil)
	};
}

/** Upcoming or under way (Statuspage's summary lists these; completed ones stay in the feeds). */
export const openMaintenances = (status: PublicStatus) =>
	status.maintenances.filter((maintenance) => maintenance.status !== 'completed');

export function statuspageStatus(status: PublicStatus, origin: string) {
	return { page: pageOf(status, origin), status: indicatorOf(status) };
}

export function statuspageSummary(status: PublicStatus, origin: string) {
	return {
		page: pageOf(status, origin),
		components: status.components.map((component) => componentOf(status, component)),
		incidents: status.incidents
			.filter((incident) => incident.resolvedAt === null)
			.map((incident) => incidentOf(status, origin, incident)),
		scheduled_maintenances: openMaintenances(status).map((maintenance) =>
			maintenanceOf(status, origin, maintenance)
		),
		status: indicatorOf(status)
	};
}

/** A short-lived public answer: aggregators poll, customers reload; a proxy may serve both. */
export const PUBLIC_CACHE = 'public, max-age=30, stale-while-revalidate=30, stale-if-error=600';
