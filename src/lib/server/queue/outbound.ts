import type { StreamEvent } from '$lib/events/payloads';
import type { Tx } from '../db/db';

/** Kinds that may mean a mail even where no webhook listens. */
const MAIL_KINDS = ['step.approval_requested', 'step.assigned', 'incident.invited'];

/**
 * Called by `runCommand` inside its transaction: one fan-out job for the command's events,
 * committed with them. Skipped (one cheap check) when no endpoint exists and no event means
 * a mail, so an installation without webhooks pays nothing per write.
 */
export async function enqueueOutbound(tx: Tx, events: StreamEvent[]): Promise<void> {
	if (events.length === 0) return;
	const mail = events.some((e) => MAIL_KINDS.includes(e.kind));
	const refs = events.map((e) => ({ streamId: e.streamId, seq: e.seq }));
	await tx`
		select graphile_worker.add_job('outbound_event', ${tx.json({ events: refs })}::json, max_attempts => 5)
		where ${mail} or exists (select 1 from webhook_endpoints where enabled and deleted_at is null)`;
}
