import type { StreamEvent } from '$lib/events/payloads';
import { describe } from '$lib/events/describe';
import { groupOf } from '$lib/webhooks/groups';
import { db, type Db } from '../db/db';
import { toStreamEvent, type EventRow } from '../events/queries';
import { notifyByMail } from '../mail/notify';
import { publicOrigin } from '../mail/settings';
import { addJob } from '../queue/queue';

export interface IncidentInfo {
	id: string;
	organization_id: string;
	title: string;
	severity: string;
	status: string;
	mode: string;
	chat_updates: boolean;
}

type Loaded = {
	event: StreamEvent;
	id: string;
	organizationId: string;
	incident: IncidentInfo | null;
};

/** The events of one job, read back by stream and number (what was committed). */
async function loadEvents(sql: Db, refs: { streamId: string; seq: number }[]): Promise<Loaded[]> {
	const loaded: Loaded[] = [];
	for (const ref of refs) {
		const [row] = await sql<(EventRow & { id: string; organization_id: string })[]>`
			select e.id::text as id, e.stream_id, s.kind as stream_kind, s.organization_id, e.seq, e.kind,
				e.actor_id, e.actor_name, e.source, e.occurred_at, e.recorded_at, e.payload
			from events e join streams s on s.id = e.stream_id
			where e.stream_id = ${ref.streamId} and e.seq = ${ref.seq}`;
		if (!row) continue;
		const [incident] =
			row.stream_kind === 'incident'
				? await sql<IncidentInfo[]>`
					select id, organization_id, title, severity, status, mode, chat_updates
					from incidents where id = ${row.stream_id}`
				: [];
		const { id, organization_id, ...eventRow } = row;
		loaded.push({
			event: toStreamEvent(eventRow),
			id,
			organizationId: organization_id,
			incident: incident ?? null
		});
	}
	return loaded;
}

interface EndpointTarget {
	id: string;
	flavour: 'standard' | 'chat';
}

/** Endpoints that hear this event: its organization's, or every participant's for an incident. */
async function endpointsFor(sql: Db, item: Loaded, group: string): Promise<EndpointTarget[]> {
	if (item.incident) {
		return sql<EndpointTarget[]>`
			select w.id, w.flavour from webhook_endpoints w
			join incident_organizations io on io.organization_id = w.organization_id
			where io.incident_id = ${item.incident.id} and w.enabled and w.deleted_at is null
				and ${group} = any(w.groups)
				and (w.flavour = 'standard' or ${item.incident.chat_updates})`;
	}
	return sql<EndpointTarget[]>`
		select id, flavour from webhook_endpoints
		where organization_id = ${item.organizationId} and enabled and deleted_at is null
			and ${group} = any(groups) and flavour = 'standard'`;
}

/** Standard Webhooks' recommended envelope: type, timestamp, data. */
export function standardBody(item: Loaded, messageId: string): string {
	const { event, incident } = item;
	return JSON.stringify({
		type: event.kind,
		timestamp: event.recordedAt,
		data: {
			id: messageId,
			streamId: event.streamId,
			streamKind: event.streamKind,
			seq: event.seq,
			actorName: event.actorName,
			source: event.source,
			occurredAt: event.occurredAt,
			incident: incident
				? {
						id: incident.id,
						title: incident.title,
						severity: incident.severity,
						status: incident.status,
						mode: incident.mode,
						url: `${publicOrigin()}/incidents/${incident.id}`
					}
				: null,
			payload: event.payload
		}
	});
}

/** Slack's incoming-webhook JSON, which Mattermost, Rocket.Chat and Teams workflows accept. */
export function chatBody(item: Loaded): string {
	const { event, incident } = item;
	const line = describe(event);
	const who = event.actorName ? ` (${event.actorName})` : '';
	const text = incident
		? `${incident.mode === 'drill' ? '[DRILL] ' : ''}${incident.severity} · ${incident.title}: ${line}${who} — <${publicOrigin()}/incidents/${incident.id}|Open the room>`
		: `${line}${who}`;
	return JSON.stringify({ text });
}

/**
 * The queue's fan-out task: for each event, one delivery per endpoint that subscribed to its
 * group (stored and queued together, once: a retried fan-out finds them already there), and
 * the mails it means for people.
 */
export async function fanOut(refs: { streamId: string; seq: number }[], sql = db()): Promise<void> {
	const items = await loadEvents(sql, refs);
	for (const item of items) {
		const group = groupOf(item.event.kind);
		await sql.begin(async (tx) => {
			if (group) {
				const messageId = `evt_${item.id}`;
				for (const endpoint of await endpointsFor(tx, item, group)) {
					const body = endpoint.flavour === 'chat' ? chatBody(item) : standardBody(item, messageId);
					const [row] = await tx<{ id: string }[]>`
						insert into webhook_deliveries (endpoint_id, message_id, event_kind, body, next_attempt_at)
						values (${endpoint.id}, ${messageId}, ${item.event.kind}, ${body}, now())
						on conflict (endpoint_id, message_id) do nothing returning id`;
					if (row) await addJob(tx, 'webhook_deliver', { deliveryId: row.id }, null, row.id);
				}
			}
			await notifyByMail(tx, item.event, item.incident, item.id);
		});
	}
}
