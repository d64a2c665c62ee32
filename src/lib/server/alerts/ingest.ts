import { metrics } from '../metrics/registry';
import type { Actor } from '../access/actor';
import { hashSecret, secretMatches } from '../auth/tokens';
import { db, type Tx } from '../db/db';
import { AppError } from '../errors';
import { runCommand } from '../events/command';
import { parse } from '../validation';
import type { IntegrationKind } from './integrations';
import { INTEGRATION_PREFIX } from './integrations';
import { fromPagerduty, fromWebhook, type IncomingGroup, type IncomingMember } from './normalize';
import { alertmanagerPayload, grafanaPayload, pagerdutyEvent } from './payloads';
import { applyRules, type Rules } from './rules';
import { m } from '$lib/paraglide/messages';

export interface IngestingIntegration extends Rules {
	id: string;
	organizationId: string;
	userId: string;
	kind: IntegrationKind;
	name: string;
}

/**
 * The live integration an ingestion URL's secret names. Unknown and revoked secrets are
 * not found (404); an integration created with a bearer secret refuses a request without
 * it (401), since the URL alone may have leaked into a monitoring config.
 */
export async function resolveIntegration(
	secret: string,
	bearer: string | null
): Promise<IngestingIntegration> {
	const unknown = new AppError('not_found', m.err_integration_address_unknown());
	if (!secret.startsWith(INTEGRATION_PREFIX) || secret.length > 200) throw unknown;
	const [row] = await db()<(IngestingIntegration & { bearerHash: Uint8Array | null })[]>`
		select id, organization_id as "organizationId", user_id as "userId", kind, name, action,
			match_labels as "matchLabels", default_severity as "defaultSeverity",
			server_status as "serverStatus", storm_minutes as "stormMinutes", bearer_hash as "bearerHash"
		from integrations
		where secret_hash = ${hashSecret(secret)} and revoked_at is null`;
	if (!row) throw unknown;
	if (row.bearerHash && (bearer === null || !secretMatches(bearer, row.bearerHash))) {
		throw new AppError('unauthenticated', m.err_integration_bearer());
	}
	const { bearerHash: _, ...integration } = row;
	return integration;
}

/** Validates a payload in the integration's format (a 400 names the field) and normalizes it. */
export function readPayload(kind: IntegrationKind, body: unknown): IncomingGroup {
	if (kind === 'alertmanager') return fromWebhook(parse(alertmanagerPayload, body));
	if (kind === 'grafana') return fromWebhook(parse(grafanaPayload, body));
	return fromPagerduty(parse(pagerdutyEvent, body));
}

export interface IngestResult {
	[key: string]: string | number | boolean | null;
	groupId: string | null;
	groupKey: string;
	status: 'firing' | 'resolved' | 'ignored';
	changed: number;
	incidentId: string | null;
	declared: boolean;
}

interface StoredGroup {
	id: string;
	status: 'firing' | 'resolved';
	incident_id: string | null;
	inserted: boolean;
}

/**
 * Ingests one payload: in ONE transaction the group and its members are upserted (a repeat
 * changes nothing and writes no event), each member whose state changed gets its timeline
 * event (source `alert`), and the integration's rules attach the group to an incident,
 * declare one, or only list it. Ingestion is serialized per integration (its row is locked),
 * so concurrent repeats of one payload cannot create two groups or two incidents.
 */
export async function ingestAlerts(integration: IngestingIntegration, incoming: IncomingGroup) {
	const actor: Actor = { userId: integration.userId, name: integration.name, source: 'alert' };
	await markReceived(integration.id);
	const outcome = await runCommand<IngestResult>({ actor }, async (tx, emit) => {
		const [live] = await tx`
			select 1 from integrations where id = ${integration.id} and revoked_at is null`;
		if (!live) throw new AppError('not_found', m.err_integration_address_unknown());
		// The group's row lock serializes notifications of one group; other groups go in parallel.
		const group = await lockGroup(tx, integration, incoming);
		if (!group) return ignored(incoming.groupKey);
		const changes = await upsertMembers(tx, group.id, incoming.members, incoming.updateOnly);
		const status = await refreshGroup(tx, group.id, incoming);
		const { incidentId, declared } = await applyRules(tx, emit, integration, {
			groupId: group.id,
			title: incoming.title,
			incidentId: group.incident_id,
			firing: status === 'firing',
			changed: changes
		});
		// Last, so the stream's row (locked by each append) is held the shortest time.
		const streamId = incidentId ?? integration.organizationId;
		for (const state of ['firing', 'acknowledged', 'resolved'] as const) {
			const members = changes.filter((m) => m.status === state);
			if (members.length === 0) continue;
			await emit({ streamId, kind: `alert.${state}`, payload: eventOf(group, incoming, members) });
		}
		if (status === 'resolved' && group.status === 'firing' && !group.inserted) {
			await emit({
				streamId,
				kind: 'alert.group_resolved',
				payload: { groupId: group.id, title: incoming.title, integration: integration.name }
			});
		}
		return {
			groupId: group.id,
			groupKey: incoming.groupKey,
			status,
			changed: changes.length,
			incidentId,
			declared
		};
	});
	return outcome.result;
}

/** last_received_at, written at most once a minute (not on every notification of a storm). */
async function markReceived(integrationId: string) {
	await db()`
		update integrations set last_received_at = now()
		where id = ${integrationId}
			and (last_received_at is null or last_received_at < now() - interval '1 minute')`;
}

/** The group's row, locked until commit; created for a new group key (never for updates only). */
async function lockGroup(
	tx: Tx,
	integration: IngestingIntegration,
	incoming: IncomingGroup
): Promise<StoredGroup | null> {
	if (incoming.updateOnly) {
		const [row] = await tx<StoredGroup[]>`
			select id, status, incident_id, false as inserted from alert_groups
			where integration_id = ${integration.id} and group_key = ${incoming.groupKey}
			for update`;
		return row ?? null;
	}
	const [row] = await tx<StoredGroup[]>`
		insert into alert_groups (integration_id, organization_id, group_key, title, status)
		values (${integration.id}, ${integration.organizationId}, ${incoming.groupKey},
			${incoming.title}, 'firing')
		on conflict (integration_id, group_key) do update set last_seen_at = now()
		returning id, status, incident_id, (xmax = 0) as inserted`;
	if (!row) throw new Error('alert group upsert returned no row');
	return row;
}

function ignored(groupKey: string): IngestResult {
	const none = { groupId: null, changed: 0, incidentId: null, declared: false };
	return { ...none, groupKey, status: 'ignored' };
}

/** Events listed per member, up to this many; `count` says how many changed. */
const MEMBERS_PER_EVENT = 50;

/** One timeline event per notification and state: "3 alerts firing: …", not one per alert. */
function eventOf(group: StoredGroup, incoming: IncomingGroup, members: IncomingMember[]) {
	return {
		groupId: group.id,
		title: incoming.title,
		count: members.length,
		alerts: members.slice(0, MEMBERS_PER_EVENT).map((m) => ({
			fingerprint: m.fingerprint,
			summary: m.summary,
			severity: m.severity,
			labels: m.labels
		}))
	};
}

/**
 * Writes the members sent and returns those whose state changed. The same fingerprint twice
 * in one payload counts once (the last one wins, as a later notification would).
 */
async function upsertMembers(
	tx: Tx,
	groupId: string,
	members: readonly IncomingMember[],
	updateOnly: boolean
): Promise<IncomingMember[]> {
	const latest = new Map(members.map((m) => [m.fingerprint, m]));
	const sent = [...latest.values()];
	if (sent.length === 0) return [];
	const before = await tx<{ fingerprint: string; status: string }[]>`
		select fingerprint, status from alerts
		where group_id = ${groupId} and fingerprint = any(${sent.map((m) => m.fingerprint)})`;
	const previous = new Map(before.map((row) => [row.fingerprint, row.status]));
	metrics().alertsReceived.inc(sent.length);
	metrics().alertsDeduplicated.inc(sent.filter((m) => previous.has(m.fingerprint)).length);
	const writes = sent.filter((m) => !updateOnly || previous.has(m.fingerprint));
	if (writes.length === 0) return [];
	await tx`
		insert into alerts (group_id, fingerprint, status, summary, severity, labels, annotations,
			starts_at, ends_at, generator_url, links)
		select ${groupId}, m.fingerprint, m.status, m.summary, m.severity, m.labels, m.annotations,
			m.starts_at, m.ends_at, m.generator_url, m.links
		from jsonb_to_recordset(${tx.json(writes.map(toRecord))}) as m(fingerprint text, status text,
			summary text, severity text, labels jsonb, annotations jsonb, starts_at timestamptz,
			ends_at timestamptz, generator_url text, links jsonb)
		on conflict (group_id, fingerprint) do update set
			status = excluded.status, summary = excluded.summary,
			severity = coalesce(excluded.severity, alerts.severity),
			labels = case when excluded.labels = '{}' then alerts.labels else excluded.labels end,
			annotations = case when excluded.annotations = '{}' then alerts.annotations else excluded.annotations end,
			starts_at = coalesce(excluded.starts_at, alerts.starts_at), ends_at = excluded.ends_at,
			generator_url = coalesce(excluded.generator_url, alerts.generator_url),
			links = case when excluded.links = '[]' then alerts.links else excluded.links end,
			updated_at = now()`;
	return writes.filter((m) => previous.get(m.fingerprint) !== m.status);
}

function toRecord(m: IncomingMember) {
	return {
		fingerprint: m.fingerprint,
		status: m.status,
		summary: m.summary,
		severity: m.severity,
		labels: m.labels,
		annotations: m.annotations,
		starts_at: m.startsAt?.toISOString() ?? null,
		ends_at: m.endsAt?.toISOString() ?? null,
		generator_url: m.generatorUrl,
		links: m.links
	};
}

/** The group is firing while any member is; resolved once every member is. */
async function refreshGroup(
	tx: Tx,
	groupId: string,
	incoming: IncomingGroup
): Promise<'firing' | 'resolved'> {
	// An acknowledge or resolve (PagerDuty) carries no description: keep the trigger's.
	const keep = incoming.updateOnly;
	const [row] = await tx<{ status: 'firing' | 'resolved' }[]>`
		update alert_groups g set
			status = case when exists (
				select 1 from alerts a where a.group_id = g.id and a.status <> 'resolved'
			) then 'firing' else 'resolved' end,
			title = coalesce(${keep ? null : incoming.title}, g.title),
			truncated_alerts = coalesce(${keep ? null : incoming.truncatedAlerts}, g.truncated_alerts),
			common_labels = coalesce(${keep ? null : tx.json(incoming.commonLabels)}, g.common_labels),
			external_url = coalesce(${incoming.externalUrl}, g.external_url),
			last_seen_at = now()
		where g.id = ${groupId}
		returning g.status`;
	const status = row?.status ?? 'firing';
	await tx`
		update alert_groups set resolved_at = case when status = 'resolved' then coalesce(resolved_at, now()) end
		where id = ${groupId}`;
	return status;
}
