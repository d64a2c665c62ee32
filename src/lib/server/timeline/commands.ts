import { AppError } from '../errors';
import { runCommand, type CommandContext } from '../events/command';
import { authorizeIncident } from '../incidents/access';
import { parse } from '../validation';
import { isBackdated, noteInput, pinInput } from './schemas';
import { m } from '$lib/paraglide/messages';

/** A note or a decision in the timeline; occurred-at may be back-dated with a reason. */
export async function addNote(context: CommandContext, incidentId: string, input: unknown) {
	const data = parse(noteInput, input);
	return runCommand(context, async (tx, emit) => {
		await authorizeIncident(context.actor, incidentId, 'timeline.write', tx);
		const event = await emit({
			streamId: incidentId,
			kind: data.kind === 'decision' ? 'timeline.decision' : 'timeline.note',
			occurredAt: data.occurredAt,
			payload: {
				text: data.text,
				backdated: isBackdated(data.occurredAt),
				backdateReason: data.backdateReason || null
			}
		});
		return { seq: event.seq };
	});
}

/** Pins or unpins an event as a key event of the post-mortem. */
export async function pinEvent(context: CommandContext, incidentId: string, input: unknown) {
	const data = parse(pinInput, input);
	return runCommand(context, async (tx, emit) => {
		await authorizeIncident(context.actor, incidentId, 'timeline.write', tx);
		const updated = await tx`
			update events set pinned = ${data.pinned}
			where stream_id = ${incidentId} and seq = ${data.seq} returning seq`;
		if (updated.length === 0)
			throw new AppError('not_found', m.err_no_such_event({ seq: data.seq }));
		await emit({
			streamId: incidentId,
			kind: 'timeline.pinned',
			payload: { seq: data.seq, pinned: data.pinned }
		});
		return { seq: data.seq, pinned: data.pinned };
	});
}
