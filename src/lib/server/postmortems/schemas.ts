import { z } from 'zod';
import {
	ACTION_ITEM_STATUSES,
	POSTMORTEM_STATUSES,
	SECTION_KEYS,
	SECTION_MAX
} from '$lib/postmortems/sections';
import { requiredText, uuid } from '../validation';
import { m } from '$lib/paraglide/messages';

const version = z.coerce
	.number({ error: () => m.val_base_version() })
	.int()
	.positive({ error: () => m.val_base_version() });

export const sectionInput = z.object({
	key: z.enum(SECTION_KEYS, { error: () => m.val_section_unknown() }),
	body: z
		.string({ error: () => m.val_section_required() })
		.max(SECTION_MAX, { error: () => m.val_section_too_long({ max: SECTION_MAX }) })
		.transform((text) => text.replace(/\r\n/g, '\n')),
	/** The section version this text was typed over. */
	baseVersion: version
});

export const moveInput = z.object({
	to: z.enum(POSTMORTEM_STATUSES, { error: () => m.val_postmortem_status() }),
	version: version.optional()
});

const dueOn = z
	.string({ error: () => m.val_due_required() })
	.regex(/^\d{4}-\d{2}-\d{2}$/, { error: () => m.val_due_format() })
	.refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), {
		error: () => m.val_due_invalid()
	});

export const actionItemInput = z.object({
	title: requiredText(
		{ min: 3, max: 300 },
		{
			required: () => m.val_action_title_required(),
			short: () => m.val_action_title_short(),
			long: () => m.val_action_title_long()
		}
	),
	ownerId: z.preprocess(
		(v) => (v === '' ? undefined : v),
		z.string({ error: () => m.val_action_owner() }).uuid({ error: () => m.val_action_owner() })
	),
	dueOn
});

export const actionItemChange = z.object({
	version,
	status: z.enum(ACTION_ITEM_STATUSES, { error: () => m.val_action_status() }).optional(),
	title: actionItemInput.shape.title.optional(),
	ownerId: uuid.optional(),
	dueOn: dueOn.optional()
});
