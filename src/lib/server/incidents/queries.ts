import type { IncidentMode, IncidentStatus, Severity } from '$lib/incidents/types';
import { db, type Db } from '../db/db';
import type { IncidentFilters } from './schemas';

export interface IncidentSummary {
	id: string;
	title: string;
	severity: Severity;
	status: IncidentStatus;
	mode: IncidentMode;
	organizationId: string;
	organizationName: string;
	detectedAt: Date;
	resolvedAt: Date | null;
	commanderName: string | null;
}

/** The incidents a person may see: those of every organization of theirs taking part. */
export async function listIncidents(userId: string, filters: IncidentFilters = {}, sql: Db = db()) {
	const { status, severity, mode, organizationId } = filters;
	return sql<IncidentSummary[]>`
		select distinct on (i.declared_at, i.id)
			i.id, i.title, i.severity, i.status, i.mode, i.organization_id as "organizationId",
			o.name as "organizationName", i.detected_at as "detectedAt", i.resolved_at as "resolvedAt",
			u.display_name as "commanderName"
		from incidents i
		join organizations o on o.id = i.organization_id
		join incident_organizations io on io.incident_id = i.id
		join access_grants m on m.organization_id = io.organization_id and m.user_id = ${userId}
		left join users u on u.id = i.commander_id
		where true
			${status === 'open' ? sql`and i.status not in ('resolved', 'closed')` : status ? sql`and i.status = ${status}` : sql``}
			${severity ? sql`and i.severity = ${severity}` : sql``}
			${mode ? sql`and i.mode = ${mode}` : sql``}
			${organizationId ? sql`and io.organization_id = ${organizationId}` : sql``}
		order by i.declared_at desc, i.id
		limit 200`;
}

export interface IncidentDetail extends IncidentSummary {
	summary: string;
	timezone: string;
	declaredAt: Date;
	closedAt: Date | null;
	commanderId: string | null;
	version: number;
	lastSeq: number;
	/** Updates posted to the chat channels of the organizations taking part (issue 15). */
	chatUpdates: boolean;
	organizations: { id: string; name: string; kind: string }[];
}

export async function readIncident(
	incidentId: string,
	sql: Db = db()
): Promise<IncidentDetail | null> {
	// Both at once: the room waits on the slower, not on their sum.
	const [[row], organizations] = await Promise.all([
		sql<Omit<IncidentDetail, 'organizations'>[]>`
		select i.id, i.title, i.summary, i.severity, i.status, i.mode, i.timezone,
			i.organization_id as "organizationId", o.name as "organizationName",
			i.detected_at as "detectedAt", i.declared_at as "declaredAt", i.resolved_at as "resolvedAt",
			i.closed_at as "closedAt", i.commander_id as "commanderId", u.display_name as "commanderName",
			i.version, s.last_seq::int as "lastSeq", i.chat_updates as "chatUpdates"
		from incidents i
		join organizations o on o.id = i.organization_id
		join streams s on s.id = i.id
		left join users u on u.id = i.commander_id
		where i.id = ${incidentId}`,
		sql<{ id: string; name: string; kind: string }[]>`
		select o.id, o.name, o.kind from incident_organizations io
		join organizations o on o.id = io.organization_id
		where io.incident_id = ${incidentId}
		order by io.added_at`
	]);
	if (!row) return null;
	return { ...row, organizations };
}

/**
 * People who may be named commander or assignee: the viewer's own colleagues in the
 * organizations taking part, and from the other organizations only those already involved
 * (commander, assignees, authors of its events): a shared incident shows no member list.
 * Without a viewer, everyone taking part (for server-side checks and exports).
 */
export async function listIncidentPeople(
	incidentId: string,
	viewerId: string | null = null,
	sql: Db = db()
) {
	return sql<{ userId: string; name: string; organizationName: string; role: string }[]>`
		select distinct u.id as "userId", u.display_name as name, o.name as "organizationName", m.role
		from incident_organizations io
		join memberships m on m.organization_id = io.organization_id
		join users u on u.id = m.user_id
		join organizations o on o.id = io.organization_id
		where io.incident_id = ${incidentId}
			and (
				${viewerId}::uuid is null
				or io.organization_id in (select organization_id from access_grants where user_id = ${viewerId})
				or m.user_id in (select commander_id from incidents where id = ${incidentId})
				or m.user_id in (
					select s.assignee_id from run_steps s join runbook_runs r on r.id = s.run_id
					where r.incident_id = ${incidentId})
				or exists (
					select 1 from events e where e.stream_id = ${incidentId} and e.actor_id = m.user_id))
		order by o.name, name`;
}
