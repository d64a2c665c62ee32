import { z } from 'zod';
import { pastInstant } from '../incidents/schemas';
import { optionalText, requiredText } from '../validation';
import { m } from '$lib/paraglide/messages';
import { TOLD_LATE_MS } from '$lib/timeline/fold';

export const NOTE_KINDS = ['note', 'decision'] as const;

export const noteInput = z
	.object({
		text: requiredText(
			{ max: 4000 },
			{ required: () => m.val_note_required(), long: () => m.val_note_text_long() }
		),
		kind: z.enum(NOTE_KINDS, { error: () => m.val_note_kind() }).default('note'),
		occurredAt: z.preprocess((v) => (v === '' ? undefined : v), pastInstant.optional()),
		backdateReason: optionalText(500)
	})
	.refine((n) => !isBackdated(n.occurredAt) || n.backdateReason.length > 0, {
		error: () => m.val_backdate_reason(),
		path: ['backdateReason']
	});

export const pinInput = z.object({
	seq: z.coerce
		.number({ error: () => m.val_event_unknown() })
		.int()
		.positive(),
	pinned: z.preprocess((v) => v === true || v === 'true' || v === 'on', z.boolean())
});

/** More than two minutes before now counts as back-dated and needs a reason. */
export function isBackdated(occurredAt: Date | undefined): boolean {
	return occurredAt !== undefined && Date.now() - occurredAt.getTime() > TOLD_LATE_MS;
}

/** A payload's back-date mark: why a fact told after it happened was told late (none when on time). */
export function backdateMark(
	occurredAt: Date | undefined,
	reason: string | undefined
): { backdateReason?: string | null } {
	return isBackdated(occurredAt) ? { backdateReason: reason || null } : {};
}
