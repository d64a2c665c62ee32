import { ofKind, type EventOf } from '$lib/events/payloads';
import type { FigureEvent, FigureInput, FigureStep } from '$lib/postmortems/types';
import type { Db } from '../db/db';
import { AppError } from '../errors';
import { m } from '$lib/paraglide/messages';

interface IncidentRow {
	organization_id: string;
	detected_at: Date;
	declared_at: Date;
	resolved_at: Date | null;
}

/**
 * What the figures are computed from, read in one go. The post-mortem's own events (section
 * saves, action items) are left out: writing about the night is not part of the night.
 */
export async function loadFigureInput(
	sql: Db,
	incidentId: string,
	now = Date.now()
): Promise<FigureInput> {
	const [incident] = await sql<IncidentRow[]>`
		select organization_id, detected_at, declared_at, resolved_at
		from incidents where id = ${incidentId}`;
	if (!incident) throw new AppError('not_found', m.err_incident_not_found());
	const [events, run, items, organizations, members] = await Promise.all([
		listFigureEvents(sql, incidentId),
		loadRun(sql, incidentId),
		sql<FigureInput['items']>`
			select i.id, i.hostname, i.kind, i.criticality
			from incident_items ii join inventory_items i on i.id = ii.item_id
			where ii.incident_id = ${incidentId}
			order by lower(i.hostname)`,
		sql<FigureInput['organizations']>`
			select o.id, o.name, o.kind from incident_organizations io
			join organizations o on o.id = io.organization_id
			where io.incident_id = ${incidentId}
			order by io.added_at`,
		sql<FigureInput['members']>`
			select m.user_id as "userId", m.organization_id as "organizationId"
			from access_grants m join incident_organizations io on io.organization_id = m.organization_id
			where io.incident_id = ${incidentId}`
	]);
	return {
		incident: {
			organizationId: incident.organization_id,
			detectedAt: incident.detected_at.toISOString(),
			declaredAt: incident.declared_at.toISOString(),
			resolvedAt: incident.resolved_at?.toISOString() ?? null
		},
		events,
		run,
		items: [...items],
		organizations: [...organizations],
		members: [...members],
		contactOrganizations: await contactOrganizations(sql, events),
		now
	};
}

async function listFigureEvents(sql: Db, incidentId: string): Promise<FigureEvent[]> {
	const rows = await sql<
		EventOf<{
			seq: string;
			occurred_at: Date;
			recorded_at: Date;
			actor_id: string | null;
			actor_name: string | null;
			pinned: boolean;
		}>[]
	>`
		select seq, kind, occurred_at, recorded_at, actor_id, actor_name, payload, pinned
		from events
		where stream_id = ${incidentId}
			and kind not like 'postmortem.%' and kind not like 'action_item.%'
		order by occurred_at, seq`;
	return rows.map(({ seq, occurred_at, recorded_at, actor_id, actor_name, ...typed }) => ({
		seq: Number(seq),
		occurredAt: occurred_at.toISOString(),
		recordedAt: recorded_at.toISOString(),
		actorId: actor_id,
		actorName: actor_name,
		...typed
	}));
}

async function loadRun(sql: Db, incidentId: string): Promise<FigureInput['run']> {
	const [run] = await sql<{ id: string; started_at: Date }[]>`
		select id, started_at from runbook_runs where incident_id = ${incidentId}`;
	if (!run) return null;
	const steps = await sql<
		(Omit<FigureStep, 'startedAt' | 'endedAt'> & {
			startedAt: Date | null;
			endedAt: Date | null;
		})[]
	>`
		select id, key, title, phase, position, state, planned_minutes as "plannedMinutes",
			started_at as "startedAt", ended_at as "endedAt", depends_on as "dependsOn",
			server_hostname as "serverHostname"
		from run_steps where run_id = ${run.id}
		order by position`;
	return {
		startedAt: run.started_at.toISOString(),
		steps: steps.map((s) => ({
			...s,
			startedAt: s.startedAt?.toISOString() ?? null,
			endedAt: s.endedAt?.toISOString() ?? null
		}))
	};
}

async function contactOrganizations(sql: Db, events: FigureEvent[]) {
	const ids = [...new Set(events.filter(ofKind('contact.called')).map((e) => e.payload.contactId))];
	if (ids.length === 0) return {};
	const rows = await sql<{ id: string; provider_organization_id: string }[]>`
		select id, provider_organization_id from provider_contacts
		where id = any(${ids}::uuid[]) and provider_organization_id is not null`;
	return Object.fromEntries(rows.map((r) => [r.id, r.provider_organization_id]));
}
