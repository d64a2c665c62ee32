import { pageIndicator, SLUG_PATTERN, type ComponentState } from '$lib/status/model';
import {
	effectiveMaintenanceStatus,
	isUnderWay,
	type MaintenanceStatus
} from '$lib/status/maintenance';
import type {
	PublicComponent,
	PublicIncident,
	PublicMaintenance,
	PublicMaintenanceUpdate,
	PublicStatus,
	PublicUpdate,
	RoomPublicStatus
} from '$lib/status/public';
import { roleAtLeast } from '$lib/organizations/roles';
import { inOrganization } from '../access/authorize';
import { guardedRead } from '../access/guarded-read';
import { PERMISSIONS } from '../access/permissions';
import { db, type Db } from '../db/db';
import type { IncidentAccess } from '../incidents/access';
import { cachedStatus } from './cache';

/** How far back the page and its feeds tell the history. */
const HISTORY_DAYS = 90;
const HISTORY_INCIDENTS = 50;

interface PageRow {
	organization_id: string;
	slug: string;
	title: string;
	updated_at: Date;
}

/**
 * The public state of an enabled page, or null (unknown, or not public): read through a
 * short cache, so a crowd of customers costs PostgreSQL a few reads a minute.
 */
export function publicStatus(slug: string): Promise<PublicStatus | null> {
	if (!SLUG_PATTERN.test(slug)) return Promise.resolve(null);
	return cachedStatus(slug, () => readPublicStatus(slug));
}

export async function readPublicStatus(
	slug: string,
	sql: Db = db(),
	now: Date = new Date()
): Promise<PublicStatus | null> {
	const [page] = await sql<PageRow[]>`
		select organization_id, slug, title, updated_at from status_pages
		where slug = ${slug} and enabled`;
	if (!page) return null;
	const components = await sql<PublicComponent[]>`
		select id, name, state, position, created_at as "createdAt", updated_at as "updatedAt"
		from status_components where organization_id = ${page.organization_id}
		order by position, name`;
	const incidents = await sql<Omit<PublicIncident, 'componentIds' | 'updates'>[]>`
		select id, name, phase, impact, created_at as "createdAt", updated_at as "updatedAt",
			resolved_at as "resolvedAt"
		from status_incidents
		where organization_id = ${page.organization_id}
			and (resolved_at is null or resolved_at > now() - make_interval(days => ${HISTORY_DAYS}))
		order by (resolved_at is null) desc, updated_at desc
		limit ${HISTORY_INCIDENTS}`;
	const ids = incidents.map((i) => i.id);
	const updates = await sql<(PublicUpdate & { incidentId: string })[]>`
		select id, status_incident_id as "incidentId", phase, body, created_at as "createdAt",
			affected_components as changes
		from status_updates where status_incident_id = any(${ids}::uuid[])
		order by created_at desc, id`;
	const affected = await sql<{ incidentId: string; componentId: string }[]>`
		select status_incident_id as "incidentId", component_id as "componentId"
		from status_incident_components where status_incident_id = any(${ids}::uuid[])`;
	const withUpdates: PublicIncident[] = incidents.map((incident) => ({
		...incident,
		componentIds: affected.filter((a) => a.incidentId === incident.id).map((a) => a.componentId),
		updates: updates
			.filter((u) => u.incidentId === incident.id)
			.map(({ id, phase, body, createdAt, changes }) => ({
				id,
				phase,
				body,
				createdAt,
				changes: changes.filter((c) => components.some((k) => k.id === c.componentId))
			}))
	}));
	const unresolved = withUpdates.filter((i) => i.resolvedAt === null);
	const maintenances = await readMaintenances(sql, page.organization_id, now);
	const underWay = new Set(
		maintenances.filter((mt) => isUnderWay(mt.status)).flatMap((mt) => mt.componentIds)
	);
	// A component of a maintenance under way reads "under maintenance", unless an outage was set.
	const shown = components.map((c) =>
		underWay.has(c.id) && c.state === 'operational'
			? { ...c, state: 'under_maintenance' as const }
			: { ...c }
	);
	const times = [
		page.updated_at,
		...components.map((c) => c.updatedAt),
		...incidents.map((i) => i.updatedAt),
		...maintenances.map((mt) => mt.updatedAt)
	];
	const updatedAt = new Date(Math.max(...times.map((t) => t.getTime())));
	return {
		page: { id: page.organization_id, slug: page.slug, title: page.title, updatedAt },
		indicator: pageIndicator(shown, unresolved),
		components: shown,
		incidents: withUpdates,
		maintenances
	};
}

/**
 * A page's maintenances: those not over (soonest first), then those over in the history
 * window (latest first), each with its status as the clock and the admins set it now.
 */
async function readMaintenances(
	sql: Db,
	organizationId: string,
	now: Date
): Promise<PublicMaintenance[]> {
	const rows = await sql<Omit<PublicMaintenance, 'componentIds' | 'updates'>[]>`
		select id, name, status, scheduled_for as "scheduledFor", scheduled_until as "scheduledUntil",
			created_at as "createdAt", updated_at as "updatedAt"
		from status_maintenances
		where organization_id = ${organizationId}
			and coalesce(completed_at, scheduled_until) > ${now}::timestamptz - make_interval(days => ${HISTORY_DAYS})
		order by scheduled_until desc
		limit ${HISTORY_INCIDENTS}`;
	const ids = rows.map((r) => r.id);
	const updates = await sql<(PublicMaintenanceUpdate & { maintenanceId: string })[]>`
		select id, maintenance_id as "maintenanceId", status, body, created_at as "createdAt"
		from status_maintenance_updates where maintenance_id = any(${ids}::uuid[])
		order by created_at desc, id`;
	const links = await sql<{ maintenanceId: string; componentId: string }[]>`
		select mc.maintenance_id as "maintenanceId", mc.component_id as "componentId"
		from status_maintenance_components mc
		join status_components c on c.id = mc.component_id
		where mc.maintenance_id = any(${ids}::uuid[])
		order by c.position, c.name`;
	const all = rows.map((row) => ({
		...row,
		status: effectiveMaintenanceStatus(row, now),
		componentIds: links.filter((l) => l.maintenanceId === row.id).map((l) => l.componentId),
		updates: updates
			.filter((u) => u.maintenanceId === row.id)
			.map(({ id, status, body, createdAt }) => ({ id, status, body, createdAt }))
	}));
	const open = all
		.filter((mt) => mt.status !== 'completed')
		.sort((a, b) => a.scheduledFor.getTime() - b.scheduledFor.getTime());
	return [...open, ...all.filter((mt) => mt.status === 'completed')];
}

/** A scheduled maintenance as its admins see and change it. */
export interface MaintenanceRow {
	id: string;
	name: string;
	status: MaintenanceStatus;
	scheduledFor: Date;
	scheduledUntil: Date;
	version: number;
}

export interface StatusPageSettings {
	organizationId: string;
	slug: string;
	title: string;
	enabled: boolean;
	version: number;
	components: { id: string; itemId: string; name: string; state: ComponentState }[];
	subscribers: number;
	maintenances: (MaintenanceRow & { componentIds: string[] })[];
}

/** The page's settings, for its admins (null: none opened yet). */
export const readStatusPageSettings = guardedRead(
	inOrganization('status_page.manage'),
	readSettings
);

async function readSettings(organizationId: string, sql: Db): Promise<StatusPageSettings | null> {
	const [page] = await sql<
		{ slug: string; title: string; enabled: boolean; version: number; subscribers: number }[]
	>`
		select slug, title, enabled, version,
			(select count(*)::int from status_subscribers s
				where s.organization_id = p.organization_id and s.confirmed_at is not null) as subscribers
		from status_pages p where organization_id = ${organizationId}`;
	if (!page) return null;
	const components = await sql<StatusPageSettings['components']>`
		select id, item_id as "itemId", name, state from status_components
		where organization_id = ${organizationId} order by position, name`;
	const rows = await sql<StatusPageSettings['maintenances']>`
		select m.id, m.name, m.status, m.scheduled_for as "scheduledFor",
			m.scheduled_until as "scheduledUntil", m.version,
			coalesce(array_agg(mc.component_id) filter (where mc.component_id is not null), '{}')
				as "componentIds"
		from status_maintenances m
		left join status_maintenance_components mc on mc.maintenance_id = m.id
		where m.organization_id = ${organizationId}
		group by m.id
		order by (m.status = 'completed' or (m.status <> 'verifying' and m.scheduled_until <= now())),
			-- Those to come or under way soonest first, then those over latest first.
			case when m.status <> 'completed' and (m.status = 'verifying' or m.scheduled_until > now())
				then m.scheduled_for end asc,
			m.scheduled_for desc
		limit 50`;
	const maintenances = rows.map((row) => ({
		...row,
		status: effectiveMaintenanceStatus(row)
	}));
	return { organizationId, ...page, components, maintenances };
}

/** The inventory an admin chooses components from: services first, with their criticality. */
export async function componentCandidates(organizationId: string, sql: Db = db()) {
	return sql<{ id: string; hostname: string; kind: string; criticality: string; role: string }[]>`
		select id, hostname, kind, criticality, role from inventory_items
		where organization_id = ${organizationId}
		order by (kind = 'service') desc, (criticality = '') asc, lower(hostname)`;
}

/**
 * What the room shows of its public face: the declaring organization's page, the public
 * incident and its updates. Null for a drill, a page not opened, or a partner's member. From
 * the access the room already read (the person's role in the declaring organization).
 */
export async function roomPublicStatus(
	access: IncidentAccess,
	sql: Db = db()
): Promise<RoomPublicStatus | null> {
	const { incidentId } = access;
	const ownerRole = access.roles[access.ownerOrganizationId];
	if (!ownerRole) return null;
	const [page] = await sql<{ slug: string; enabled: boolean; mode: string }[]>`
		select p.slug, p.enabled, i.mode from status_pages p
		join incidents i on i.organization_id = p.organization_id
		where i.id = ${incidentId}`;
	if (!page || page.mode === 'drill') return null;
	const [incident] = await sql<NonNullable<RoomPublicStatus['incident']>[]>`
		select i.id, i.name, i.phase, i.impact,
			coalesce(array_agg(ic.component_id) filter (where ic.component_id is not null), '{}')
				as "componentIds"
		from status_incidents i
		left join status_incident_components ic on ic.status_incident_id = i.id
		where i.incident_id = ${incidentId}
		group by i.id`;
	const updates = incident
		? await sql<RoomPublicStatus['updates']>`
			select id, phase, body, created_at as "createdAt" from status_updates
			where status_incident_id = ${incident.id} order by created_at desc`
		: [];
	const components = await sql<RoomPublicStatus['components']>`
		select id, name, state from status_components
		where organization_id = ${access.ownerOrganizationId} order by position, name`;
	return {
		slug: page.slug,
		enabled: page.enabled,
		canPublish: roleAtLeast(ownerRole, PERMISSIONS['status.publish']),
		incident: incident ?? null,
		updates: [...updates],
		components: [...components]
	};
}
