import { z } from 'zod';
import { INCIDENT_MODES, INCIDENT_STATUSES, SEVERITIES } from '$lib/incidents';
import { uuid } from '../validation';

const optionalText = (max: number, label: string) =>
	z
		.string()
		.trim()
		.max(max, { message: `Use at most ${max} characters for ${label}.` })
		.default('');

/** A date-time typed in a form (no zone) or an ISO string; must not be in the future. */
export const pastInstant = z.coerce
	.date({ message: 'Give a valid date and time.' })
	.refine((d) => d.getTime() <= Date.now() + 60_000, { message: 'This time is in the future.' });

const blankIsAbsent = (v: unknown) => (v === '' || v === null ? undefined : v);
/** An optional true time: blank means "now". */
export const laterInstant = z.preprocess(blankIsAbsent, pastInstant.optional());

export const declareInput = z.object({
	title: z
		.string({ message: 'Give the incident a title.' })
		.trim()
		.min(3, { message: 'Use at least 3 characters for the title.' })
		.max(140, { message: 'Use at most 140 characters for the title.' }),
	severity: z.enum(SEVERITIES, { message: 'Choose a severity from SEV1 to SEV4.' }),
	summary: optionalText(4000, 'what is affected'),
	detectedAt: laterInstant,
	/** When it was declared, for a night written afterwards (default: now). */
	declaredAt: laterInstant,
	/** Other milestones known at declaration (trigger, acknowledged, …), at their true times. */
	milestones: z
		.object({
			trigger: laterInstant,
			acknowledged: laterInstant,
			identified: laterInstant,
			mitigated: laterInstant,
			recovered: laterInstant
		})
		.strict()
		.optional(),
	mode: z.enum(INCIDENT_MODES, { message: 'Choose real or drill.' }).default('real'),
	timezone: z.string().trim().max(64).optional()
});
export type DeclareInput = z.infer<typeof declareInput>;

export const statusInput = z.object({
	status: z.enum(INCIDENT_STATUSES, { message: 'Unknown status.' }),
	version: z.coerce.number().int().positive().optional(),
	reason: optionalText(500, 'the reason'),
	/** When the status really changed (default: now); earlier times are kept with the reason. */
	occurredAt: laterInstant
});

export const commanderInput = z.object({
	userId: uuid,
	version: z.coerce.number().int().positive().optional()
});

export const incidentFilters = z.object({
	status: z
		.enum([...INCIDENT_STATUSES, 'open'])
		.optional()
		.catch(undefined),
	severity: z.enum(SEVERITIES).optional().catch(undefined),
	mode: z.enum(INCIDENT_MODES).optional().catch(undefined),
	organizationId: uuid.optional().catch(undefined)
});
export type IncidentFilters = z.infer<typeof incidentFilters>;
