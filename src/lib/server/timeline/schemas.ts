import { z } from 'zod';
import { pastInstant } from '../incidents/schemas';

export const NOTE_KINDS = ['note', 'decision'] as const;

export const noteInput = z
	.object({
		text: z
			.string({ message: 'Write the note.' })
			.trim()
			.min(1, { message: 'Write the note.' })
			.max(4000, { message: 'Use at most 4000 characters for a note.' }),
		kind: z.enum(NOTE_KINDS, { message: 'Choose note or decision.' }).default('note'),
		occurredAt: z.preprocess((v) => (v === '' ? undefined : v), pastInstant.optional()),
		backdateReason: z.string().trim().max(500).default('')
	})
	.refine((n) => !isBackdated(n.occurredAt) || n.backdateReason.length > 0, {
		message: 'Say why this is back-dated.',
		path: ['backdateReason']
	});

export const pinInput = z.object({
	seq: z.coerce.number({ message: 'Unknown event.' }).int().positive(),
	pinned: z.preprocess((v) => v === true || v === 'true' || v === 'on', z.boolean())
});

export const timelineFilters = z.object({
	kind: z.string().max(60).optional().catch(undefined),
	actorId: z.string().uuid().optional().catch(undefined)
});

/** More than two minutes before now counts as back-dated and needs a reason. */
export function isBackdated(occurredAt: Date | undefined): boolean {
	return occurredAt !== undefined && Date.now() - occurredAt.getTime() > 2 * 60_000;
}
