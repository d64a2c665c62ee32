import { z } from 'zod';
import { MILESTONES } from '$lib/milestones/model';
import { pastInstant } from '../incidents/schemas';

export const milestoneInput = z.object({
	milestone: z.enum(MILESTONES, {
		message: `Choose a milestone: ${MILESTONES.join(', ')}.`
	}),
	occurredAt: pastInstant,
	reason: z
		.string()
		.trim()
		.max(500, { message: 'Use at most 500 characters for the reason.' })
		.default('')
});
export type MilestoneInput = z.infer<typeof milestoneInput>;
