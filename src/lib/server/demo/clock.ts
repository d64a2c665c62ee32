import type { StreamEvent } from '$lib/realtime/protocol';
import { db } from '../db/db';

/**
 * The demo night is played through the real commands, which stamp events "now"; the clock
 * remembers when each of them should have happened, and `rewind` moves them there, so elapsed
 * times and ETAs look real relative to the moment of seeding.
 */
export class DemoClock {
	readonly start: Date;
	#moments: { streamId: string; seq: number; at: Date }[] = [];

	constructor(hoursAgo: number) {
		const start = new Date(Date.now() - hoursAgo * 3_600_000);
		start.setSeconds(0, 0);
		this.start = start;
	}

	at(minutes: number): Date {
		return new Date(this.start.getTime() + minutes * 60_000);
	}

	/** Waits for a command and stamps its events with that minute: `await on(13, logCall(…))`. */
	readonly on = <T extends { events: StreamEvent[] }>(minutes: number, command: Promise<T>) =>
		command.then((outcome) => {
			this.record(minutes, outcome);
			return outcome;
		});

	/** Stamps the events a command appended with the time they belong to. */
	record(minutes: number, outcome: { events: StreamEvent[] }) {
		for (const e of outcome.events)
			this.#moments.push({ streamId: e.streamId, seq: e.seq, at: this.at(minutes) });
	}

	async rewind(incidentId: string) {
		const sql = db();
		for (const m of this.#moments) {
			await sql`update events set occurred_at = ${m.at}, recorded_at = ${m.at} where stream_id = ${m.streamId} and seq = ${m.seq}`;
		}
		await sql`
			update run_steps rs set
				started_at = (select min(e.occurred_at) from events e
					where e.stream_id = ${incidentId} and e.kind = 'step.started' and e.payload->>'stepId' = rs.id::text),
				ended_at = (select max(e.occurred_at) from events e
					where e.stream_id = ${incidentId} and e.kind = 'step.done' and e.payload->>'stepId' = rs.id::text)
			where rs.run_id = (select id from runbook_runs where incident_id = ${incidentId}) and rs.started_at is not null`;
		await sql`
			update runbook_runs set started_at = (select occurred_at from events where stream_id = ${incidentId} and kind = 'run.started')
			where incident_id = ${incidentId}`;
		await sql`
			update incidents set declared_at = (select occurred_at from events where stream_id = ${incidentId} and kind = 'incident.declared')
			where id = ${incidentId}`;
		await sql`
			update inventory_items i set status_changed_at = coalesce((select max(e.occurred_at) from events e
				where e.stream_id = ${incidentId} and e.kind = 'inventory.status_changed' and e.payload->>'itemId' = i.id::text), i.status_changed_at)
			where i.id in (select item_id from incident_items where incident_id = ${incidentId})`;
	}
}
