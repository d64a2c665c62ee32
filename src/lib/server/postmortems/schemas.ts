import { z } from 'zod';
import {
	ACTION_ITEM_STATUSES,
	POSTMORTEM_STATUSES,
	SECTION_KEYS,
	SECTION_MAX
} from '$lib/postmortems/sections';
import { uuid } from '../validation';

const version = z.coerce
	.number({ message: 'Give the version you started from.' })
	.int()
	.positive({ message: 'Give the version you started from.' });

export const sectionInput = z.object({
	key: z.enum(SECTION_KEYS, { message: 'Unknown section.' }),
	body: z
		.string({ message: 'Write the section.' })
		.max(SECTION_MAX, { message: `Use at most ${SECTION_MAX} characters in a section.` })
		.transform((text) => text.replace(/\r\n/g, '\n')),
	/** The section version this text was typed over. */
	baseVersion: version
});

export const moveInput = z.object({
	to: z.enum(POSTMORTEM_STATUSES, { message: 'Choose draft, in review or published.' }),
	version: version.optional()
});

const dueOn = z
	.string({ message: 'Give a due date.' })
	.regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Give the due date as YYYY-MM-DD.' })
	.refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), {
		message: 'This due date does not exist.'
	});

export const actionItemInput = z.object({
	title: z
		.string({ message: 'Say what must be done.' })
		.trim()
		.min(3, { message: 'Use at least 3 characters to say what must be done.' })
		.max(300, { message: 'Use at most 300 characters for an action item.' }),
	ownerId: z.preprocess(
		(v) => (v === '' ? undefined : v),
		z.string({ message: 'Choose an owner.' }).uuid({ message: 'Choose an owner.' })
	),
	dueOn
});

export const actionItemChange = z.object({
	version,
	status: z
		.enum(ACTION_ITEM_STATUSES, { message: 'Choose open, in progress, done or cancelled.' })
		.optional(),
	title: actionItemInput.shape.title.optional(),
	ownerId: uuid.optional(),
	dueOn: dueOn.optional()
});
