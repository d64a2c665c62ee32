import { INDICATOR_DESCRIPTIONS } from '$lib/status/model';
import type { PublicIncident, PublicStatus } from '$lib/status/public';

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
			affected_components: null,
			deliver_notifications: true,
			custom_tweet: null,
			tweet_id: null
		})),
		components: []
	};
}

export function statuspageStatus(status: PublicStatus, origin: string) {
	return { page: pageOf(status, origin), status: indicatorOf(status) };
}

export function statuspageSummary(status: PublicStatus, origin: string) {
	return {
		page: pageOf(status, origin),
		components: status.components.map((component) => ({
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
		})),
		incidents: status.incidents
			.filter((incident) => incident.resolvedAt === null)
			.map((incident) => incidentOf(status, origin, incident)),
		scheduled_maintenances: [],
		status: indicatorOf(status)
	};
}

/** A short-lived public answer: aggregators poll, customers reload; a proxy may serve both. */
export const PUBLIC_CACHE = 'public, max-age=30, stale-while-revalidate=30, stale-if-error=600';
