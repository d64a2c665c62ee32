import { AppError } from '../errors';
import { command } from '../events/command';
import { inIncident } from '../incidents/access';
import { isBackdated, noteInput, pinInput } from './schemas';
import { m } from '$lib/paraglide/messages';

/** A note or a decision in the timeline; occurred-at may be back-dated with a reason. */
export const addNote = command(
	inIncident('timeline.write'),
	noteInput,
	async (tx, emit, data, { id: incidentId }) => {
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
	}
);

/** Pins or unpins an event as a key event of the post-mortem. */
export const pinEvent = command(
	inIncident('timeline.write'),
	pinInput,
	async (tx, emit, data, { id: incidentId }) => {
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
	}
);
