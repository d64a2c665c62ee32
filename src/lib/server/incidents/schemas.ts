import { z } from 'zod';
import { INCIDENT_MODES, INCIDENT_STATUSES, SEVERITIES } from '$lib/incidents/types';
import { expectedVersion, optionalText, requiredText, uuid } from '../validation';
import { m } from '$lib/paraglide/messages';

/** A date-time typed in a form (no zone) or an ISO string; must not be in the future. */
export const pastInstant = z.coerce
	.date({ error: () => m.val_datetime_invalid() })
	.refine((d) => d.getTime() <= Date.now() + 60_000, { error: () => m.val_time_in_future() });

const blankIsAbsent = (v: unknown) => (v === '' || v === null ? undefined : v);
/** An optional true time: blank means "now". */
export const laterInstant = z.preprocess(blankIsAbsent, pastInstant.optional());

export const declareInput = z.object({
	title: requiredText(
		{ min: 3, max: 140 },
		{
			required: () => m.val_incident_title_required(),
			short: () => m.val_incident_title_short(),
			long: () => m.val_incident_title_long()
		}
	),
	severity: z.enum(SEVERITIES, { error: () => m.val_severity_choice() }),
	summary: optionalText(4000, (max) => m.val_summary_too_long({ max })),
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
	mode: z.enum(INCIDENT_MODES, { error: () => m.val_mode_choice() }).default('real'),
	timezone: z.string().trim().max(64).optional()
});
export type DeclareInput = z.infer<typeof declareInput>;

export const statusInput = z.object({
	status: z.enum(INCIDENT_STATUSES, { error: () => m.val_status_unknown() }),
	version: expectedVersion,
	reason: optionalText(500, (max) => m.val_reason_too_long({ max })),
	/** When the status really changed (default: now); earlier times are kept with the reason. */
	occurredAt: laterInstant
});

export const commanderInput = z.object({
	userId: uuid,
	version: expectedVersion
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
