import type { Milestone } from '$lib/milestones/model';
import type { Tx } from '../db/db';
import { AppError } from '../errors';
import { m } from '$lib/paraglide/messages';

export interface IncidentBounds {
	trigger: Date | null;
	detected: Date;
}

/** The trigger and the detection of an incident: what every other fact must come after. */
export async function readBounds(tx: Tx, incidentId: string): Promise<IncidentBounds> {
	const [row] = await tx<{ detected_at: Date; trigger: Date | null }[]>`
		select i.detected_at,
			(select occurred_at from incident_milestones
				where incident_id = i.id and milestone = 'trigger') as trigger
		from incidents i where i.id = ${incidentId}`;
	if (!row) throw new AppError('not_found', m.err_incident_not_found());
	return { trigger: row.trigger, detected: row.detected_at };
}

const iso = (d: Date) => d.toISOString().replace('.000Z', 'Z');

/**
 * Refuses a true time that makes no sense for the incident (nothing written): a fact before
 * its first fact (the trigger, else the detection), a trigger after the detection, a detection
 * before the trigger. `field` names the input in the message.
 */
export function checkTrueTime(
	bounds: IncidentBounds,
	at: Date,
	fact: Milestone | 'fact',
	field = 'occurredAt'
): void {
	const refuse = (message: string) => {
		throw new AppError('invalid', message, { [field]: message });
	};
	if (fact === 'trigger') {
		if (at > bounds.detected)
			refuse(m.err_impact_after_detection({ at: iso(at), detected: iso(bounds.detected) }));
		return;
	}
	if (fact === 'detected') {
		if (bounds.trigger && at < bounds.trigger)
			refuse(m.err_detection_before_impact({ at: iso(at), trigger: iso(bounds.trigger) }));
		return;
	}
	const first =
		bounds.trigger && bounds.trigger < bounds.detected ? bounds.trigger : bounds.detected;
	const byTrigger = bounds.trigger && bounds.trigger < bounds.detected;
	if (at < first)
		refuse(
			byTrigger
				? m.err_before_first_trigger({ at: iso(at), first: iso(first) })
				: m.err_before_first_detection({ at: iso(at), first: iso(first) })
		);
}
