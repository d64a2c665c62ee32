import { MILESTONE_KINDS, type Milestone } from '$lib/milestones/model';
import { type Emit, type Step, command } from '../events/command';
import { milestoneName } from '$lib/milestones/labels';
import type { Db, Tx } from '../db/db';
import { AppError } from '../errors';
import { inIncident } from '../incidents/access';
import { isBackdated } from '../timeline/schemas';
import { milestoneInput } from './schemas';
import { checkTrueTime, readBounds } from './true-time';
import { m } from '$lib/paraglide/messages';

/**
 * Sets a milestone of an incident at its true time. A milestone is set once: setting it again
 * at another time is a correction and needs a reason, kept on the timeline with the time it
 * replaces. Nothing is written when the time is refused.
 */
export const setMilestone = command(
	inIncident('incident.update'),
	milestoneInput,
	async (tx, emit, data, { id: incidentId, context }) => {
		return setMilestoneStep(tx, emit, context.actor, incidentId, {
			milestone: data.milestone,
			occurredAt: data.occurredAt,
			reason: data.reason || null
		});
	}
);

export interface MilestoneWrite {
	milestone: Milestone;
	occurredAt: Date;
	reason: string | null;
	/** Set only when not set yet (a status change marking it): never a correction. */
	ifUnset?: boolean;
}

/** The inner step of `setMilestone`, for commands that mark a milestone as they go. */
export const setMilestoneStep: Step<
	[string, MilestoneWrite],
	{ milestone: Milestone; occurredAt: string; changed: boolean }
> = async (tx, emit, actor, incidentId, write) => {
	await tx`select 1 from incidents where id = ${incidentId} for update`;
	const [current] = await tx<{ occurred_at: Date }[]>`
		select occurred_at from incident_milestones
		where incident_id = ${incidentId} and milestone = ${write.milestone}`;
	const unchanged = { milestone: write.milestone, changed: false };
	if (current && (write.ifUnset || +current.occurred_at === +write.occurredAt))
		return { ...unchanged, occurredAt: current.occurred_at.toISOString() };
	if (current && !write.reason) {
		throw new AppError(
			'conflict',
			m.err_milestone_already_set({
				milestone: milestoneName(write.milestone),
				at: current.occurred_at.toISOString()
			}),
			{ reason: m.val_milestone_reason() }
		);
	}
	checkTrueTime(await readBounds(tx, incidentId), write.occurredAt, write.milestone);
	await writeMilestone(tx, incidentId, write, actor.userId);
	await emitMilestone(emit, incidentId, write, current?.occurred_at ?? null);
	return { milestone: write.milestone, occurredAt: write.occurredAt.toISOString(), changed: true };
};

async function writeMilestone(tx: Tx, incidentId: string, write: MilestoneWrite, by: string) {
	await tx`
		insert into incident_milestones (incident_id, milestone, occurred_at, reason, set_by)
		values (${incidentId}, ${write.milestone}, ${write.occurredAt}, ${write.reason}, ${by})
		on conflict (incident_id, milestone) do update
		set occurred_at = excluded.occurred_at, reason = excluded.reason,
			set_by = excluded.set_by, recorded_at = now()`;
	if (write.milestone === 'detected')
		await tx`update incidents set detected_at = ${write.occurredAt} where id = ${incidentId}`;
}

export async function emitMilestone(
	emit: Emit,
	incidentId: string,
	write: Pick<MilestoneWrite, 'milestone' | 'occurredAt' | 'reason'>,
	previous: Date | null
) {
	await emit({
		streamId: incidentId,
		kind: MILESTONE_KINDS[write.milestone],
		occurredAt: write.occurredAt,
		payload: {
			milestone: write.milestone,
			previous: previous?.toISOString() ?? null,
			reason: write.reason,
			backdateReason: isBackdated(write.occurredAt) ? write.reason : null
		}
	});
}

/** The milestones of an incident, as set: milestone → true time. */
export async function readMilestones(
	sql: Db,
	incidentId: string
): Promise<Partial<Record<Milestone, Date>>> {
	const rows = await sql<{ milestone: Milestone; occurred_at: Date }[]>`
		select milestone, occurred_at from incident_milestones where incident_id = ${incidentId}`;
	return Object.fromEntries(rows.map((r) => [r.milestone, r.occurred_at]));
}
