import { z } from 'zod';
import { APPROVER_ROLES, OWNER_SIDES } from '$lib/runbooks/types';
import { isTransition, STEP_ACTIONS, TRANSITIONS } from '$lib/runbooks/states';
import { laterInstant } from '../incidents/schemas';
import { clientMutationId, uuid } from '../validation';
import { m } from '$lib/paraglide/messages';

export const MAX_INSTRUCTIONS = 20_000;
export const MAX_PLANNED_MINUTES = 1440;

const text = (max: number, tooLong: (max: number) => string) =>
	z
		.string()
		.trim()
		.max(max, { error: () => tooLong(max) });

const title = (tooLong: (max: number) => string, required: () => string) =>
	text(200, tooLong).min(1, { error: required });

const plannedMinutes = z.coerce
	.number({ error: () => m.val_planned_minutes_number() })
	.int({ error: () => m.val_planned_minutes_integer() })
	.min(1, {
		error: () => m.val_planned_minutes_range({ max: MAX_PLANNED_MINUTES })
	})
	.max(MAX_PLANNED_MINUTES, {
		error: () => m.val_planned_minutes_range({ max: MAX_PLANNED_MINUTES })
	});

export const stepKey = z
	.string()
	.trim()
	.regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, {
		error: () => m.val_step_key_format()
	});

const tag = z
	.string()
	.trim()
	.max(64, { error: () => m.val_expand_tag_long() })
	.transform((v) => (v === '' ? null : v));

export const templateStepInput = z.object({
	key: stepKey,
	title: title((max) => m.val_step_title_long({ max }), m.val_step_title_required),
	instructions: z
		.string()
		.max(MAX_INSTRUCTIONS, {
			error: () => m.val_instructions_too_long({ max: MAX_INSTRUCTIONS })
		})
		.default(''),
	ownerSide: z.enum(OWNER_SIDES, { error: () => m.val_owner_side_choice() }),
	role: text(80, (max) => m.val_role_too_long({ max })).default(''),
	plannedMinutes,
	dependsOn: z.array(stepKey).max(200).default([]),
	itemIds: z.array(uuid).max(500).default([]),
	expandTag: tag.nullable().default(null),
	requiresApproval: z
		.object({
			organizationId: uuid,
			role: z.enum(APPROVER_ROLES, {
				error: () => m.val_approver_role_choice()
			})
		})
		.nullable()
		.default(null)
});

export const templateBodyInput = z.object({
	phases: z
		.array(
			z.object({
				title: title((max) => m.val_phase_title_long({ max }), m.val_phase_title_required),
				steps: z.array(templateStepInput).max(200, { error: () => m.val_phase_too_many_steps() })
			})
		)
		.max(50, { error: () => m.val_template_too_many_phases() })
});

const name = text(200, (max) => m.val_template_name_long({ max })).min(1, {
	error: () => m.val_template_name_required()
});
const description = text(4000, (max) => m.val_description_too_long({ max })).default('');

/** The body is checked apart (see body.ts) so its messages can name the step at fault. */
export const createTemplateInput = z.object({
	name,
	description,
	body: z.unknown().default({ phases: [] })
});

export const saveTemplateInput = z.object({
	name,
	description,
	body: z.unknown(),
	/** The template's version the editor started from. */
	version: z.coerce.number().int().positive()
});

export const startRunInput = z.object({ templateId: uuid });

/** The actions that start or finish a step: the only ones told at an earlier true time. */
export const TIMED_ACTIONS = ['start', 'complete', 'fail', 'skip'] as const;

const reason = text(1000, (max) => m.val_reason_too_long({ max }));

export const stepActionInput = z
	.object({
		action: z.enum(STEP_ACTIONS, { error: () => m.val_step_action_unknown() }),
		version: z.coerce
			.number({ error: () => m.val_step_version_required() })
			.int()
			.positive({ error: () => m.val_step_version_required() }),
		reason: reason.optional(),
		assigneeId: z.preprocess((v) => (v === '' ? null : v), uuid.nullable().optional()),
		note: text(4000, (max) => m.val_note_too_long({ max })).optional(),
		/** When the step really started or finished (default: now), kept with the reason. */
		occurredAt: laterInstant,
		clientMutationId
	})
	.superRefine((input, ctx) => {
		if (input.occurredAt && !(TIMED_ACTIONS as readonly string[]).includes(input.action)) {
			ctx.addIssue({ code: 'custom', path: ['occurredAt'], message: m.val_step_time_action() });
		}
		if (isTransition(input.action) && TRANSITIONS[input.action].needsReason && !input.reason) {
			ctx.addIssue({ code: 'custom', path: ['reason'], message: m.val_reason_required() });
		}
		if (input.action === 'refuse' && !input.reason) {
			ctx.addIssue({ code: 'custom', path: ['reason'], message: m.val_refusal_reason_required() });
		}
		if (input.action === 'note' && !input.note) {
			ctx.addIssue({ code: 'custom', path: ['note'], message: m.val_note_required() });
		}
		if (input.action === 'assign' && input.assigneeId === undefined) {
			ctx.addIssue({ code: 'custom', path: ['assigneeId'], message: m.val_assignee_required() });
		}
	});

export type StepActionInput = z.infer<typeof stepActionInput>;
