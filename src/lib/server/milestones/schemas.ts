import { z } from 'zod';
import { MILESTONES } from '$lib/milestones/model';
import { milestoneName } from '$lib/milestones/labels';
import { pastInstant } from '../incidents/schemas';
import { m } from '$lib/paraglide/messages';

export const milestoneInput = z.object({
	milestone: z.enum(MILESTONES, {
		error: () => m.val_milestone_choice({ milestones: MILESTONES.map(milestoneName).join(', ') })
	}),
	occurredAt: pastInstant,
	reason: z
		.string()
		.trim()
		.max(500, { error: () => m.val_reason_too_long({ max: 500 }) })
		.default('')
});
export type MilestoneInput = z.infer<typeof milestoneInput>;
