import { z } from 'zod';
import { APPROVER_ROLES, OWNER_SIDES } from '$lib/runbooks/types';
import { isTransition, STEP_ACTIONS, TRANSITIONS } from '$lib/runbooks/states';
import { clientMutationId, uuid } from '../validation';

export const MAX_INSTRUCTIONS = 20_000;
export const MAX_PLANNED_MINUTES = 1440;

const text = (max: number, label: string) =>
	z
		.string()
		.trim()
		.max(max, { message: `Use at most ${max} characters for ${label}.` });

const title = (label: string) => text(200, label).min(1, { message: `Give the ${label} a title.` });

const plannedMinutes = z.coerce
	.number({ message: 'Give the planned duration in minutes.' })
	.int({ message: 'Give the planned duration in whole minutes.' })
	.min(1, { message: `Planned duration must be between 1 and ${MAX_PLANNED_MINUTES} minutes.` })
	.max(MAX_PLANNED_MINUTES, {
		message: `Planned duration must be between 1 and ${MAX_PLANNED_MINUTES} minutes.`
	});

export const stepKey = z
	.string()
	.trim()
	.regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, {
		message: 'A step key uses lowercase letters, digits, - and _ (at most 64).'
	});

const tag = z
	.string()
	.trim()
	.max(64, { message: 'Use at most 64 characters for the expansion tag.' })
	.transform((v) => (v === '' ? null : v));

export const templateStepInput = z.object({
	key: stepKey,
	title: title('step'),
	instructions: z
		.string()
		.max(MAX_INSTRUCTIONS, {
			message: `Instructions are limited to ${MAX_INSTRUCTIONS} characters.`
		})
		.default(''),
	ownerSide: z.enum(OWNER_SIDES, { message: 'Choose the client or the provider side.' }),
	role: text(80, 'the role').default(''),
	plannedMinutes,
	dependsOn: z.array(stepKey).max(200).default([]),
	itemIds: z.array(uuid).max(500).default([]),
	expandTag: tag.nullable().default(null),
	requiresApproval: z
		.object({
			organizationId: uuid,
			role: z.enum(APPROVER_ROLES, {
				message: 'Choose who approves: a responder, an admin or an owner.'
			})
		})
		.nullable()
		.default(null)
});

export const templateBodyInput = z.object({
	phases: z
		.array(
			z.object({
				title: title('phase'),
				steps: z.array(templateStepInput).max(200, { message: 'A phase has at most 200 steps.' })
			})
		)
		.max(50, { message: 'A template has at most 50 phases.' })
});

const name = text(200, 'the name').min(1, { message: 'Give the template a name.' });
const description = text(4000, 'the description').default('');

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

const reason = text(1000, 'the reason');

export const stepActionInput = z
	.object({
		action: z.enum(STEP_ACTIONS, { message: 'Unknown step action.' }),
		version: z.coerce
			.number({ message: 'Give the step version you saw.' })
			.int()
			.positive({ message: 'Give the step version you saw.' }),
		reason: reason.optional(),
		assigneeId: z.preprocess((v) => (v === '' ? null : v), uuid.nullable().optional()),
		note: text(4000, 'the note').optional(),
		clientMutationId
	})
	.superRefine((input, ctx) => {
		if (isTransition(input.action) && TRANSITIONS[input.action].needsReason && !input.reason) {
			ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Say why (a few words).' });
		}
		if (input.action === 'refuse' && !input.reason) {
			ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Say why you refuse.' });
		}
		if (input.action === 'note' && !input.note) {
			ctx.addIssue({ code: 'custom', path: ['note'], message: 'Write the note.' });
		}
		if (input.action === 'assign' && input.assigneeId === undefined) {
			ctx.addIssue({ code: 'custom', path: ['assigneeId'], message: 'Choose whom to assign.' });
		}
	});

export type StepActionInput = z.infer<typeof stepActionInput>;
