import { todayIn } from '$lib/postmortems/sections';
import type { StreamEvent } from '$lib/realtime/protocol';
import type { Actor } from '../access/actor';
import { db } from '../db/db';
import { listEventsAfter } from '../events/queries';
import { logCall } from '../contacts/commands';
import { actOnStep } from '../runbooks/steps';
import type { DemoClock } from './clock';

export type StepAction = 'start' | 'complete' | 'block' | 'resume';

/** Plays one action on the step with this title (or id), at the version it has now. */
export async function playStep(
	actor: Actor,
	incidentId: string,
	step: { title?: string; id?: string },
	action: StepAction,
	extra: Record<string, string> = {}
) {
	const [row] = await db()<{ id: string; version: number }[]>`
		select rs.id, rs.version from run_steps rs join runbook_runs r on r.id = rs.run_id
		where r.incident_id = ${incidentId}
			and (rs.title = ${step.title ?? null} or rs.id = ${step.id ?? null}::uuid)`;
	if (!row) throw new Error(`demo: no step ${step.title ?? step.id}`);
	return actOnStep({ actor }, incidentId, row.id, { action, version: row.version, ...extra });
}

/** Logs, in the incident's room, a call to the organization's contact of that name. */
export async function playCall(
	actor: Actor,
	incidentId: string,
	organizationId: string,
	contactName: string,
	outcome: string
) {
	const [row] = await db()<{ id: string }[]>`
		select id from provider_contacts where organization_id = ${organizationId} and name = ${contactName}`;
	if (!row) throw new Error(`demo: no contact ${contactName}`);
	return logCall({ actor }, incidentId, { contactId: row.id, outcome });
}

/** The organization's inventory item of that hostname. */
export async function itemId(organizationId: string, hostname: string): Promise<string> {
	const [row] = await db()<{ id: string }[]>`
		select id from inventory_items where organization_id = ${organizationId} and hostname = ${hostname}`;
	if (!row) throw new Error(`demo: no item ${hostname}`);
	return row.id;
}

/** Stamps every event of a stream not stamped yet with a moment of the clock. */
export async function recordStream(
	clock: DemoClock,
	streamId: string,
	afterSeq: number,
	minutes: number
): Promise<number> {
	const events: StreamEvent[] = await listEventsAfter(streamId, afterSeq, 1000);
	clock.record(minutes, { events });
	return events.at(-1)?.seq ?? afterSeq;
}

/**
 * What the clock's rewind leaves at seeding time: the resolution (and, for a drill, the
 * detection, which is its declaration) moved to when the events say they happened.
 */
export async function settleIncidentTimes(incidentId: string, detectedIsDeclared = false) {
	await db()`
		update incidents set
			resolved_at = (select max(occurred_at) from events where stream_id = ${incidentId}
				and kind = 'incident.status_changed' and payload->>'to' = 'resolved'),
			detected_at = case when ${detectedIsDeclared} then declared_at else detected_at end
		where id = ${incidentId} and resolved_at is not null`;
}

/** A calendar date some days from today in Paris, as the due dates of action items are. */
export function daysFromToday(days: number): string {
	const today = Date.parse(`${todayIn('Europe/Paris')}T12:00:00Z`);
	return new Date(today + days * 86_400_000).toISOString().slice(0, 10);
}
