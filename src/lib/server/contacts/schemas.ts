import { z } from 'zod';
import { email } from '../users/schemas';
import { uuid } from '../validation';
import { pastInstant } from '../incidents/schemas';

const text = (max: number, label: string) =>
	z
		.string()
		.trim()
		.max(max, { message: `Use at most ${max} characters for ${label}.` })
		.default('');

const PHONE = /^\+?[0-9 ().-]{4,30}$/;

/** Phones typed one per line or separated by commas/semicolons. */
const phones = z.preprocess(
	(v) =>
		typeof v === 'string'
			? v
					.split(/[\n,;]+/)
					.map((p) => p.trim())
					.filter(Boolean)
			: v,
	z
		.array(
			z.string().regex(PHONE, { message: 'A phone number has digits, spaces, +, -, ( ) only.' })
		)
		.max(5, { message: 'Give at most 5 phone numbers.' })
);

export const contactInput = z
	.object({
		providerName: z
			.string({ message: 'Name the provider.' })
			.trim()
			.min(1, { message: 'Name the provider.' })
			.max(80),
		providerOrganizationId: z.preprocess((v) => (v === '' ? undefined : v), uuid.optional()),
		name: z
			.string({ message: 'Name the person or desk.' })
			.trim()
			.min(1, { message: 'Name the person or desk.' })
			.max(80),
		function: text(80, 'the function'),
		phones: phones.default([]),
		email: z.preprocess((v) => (v === '' ? undefined : v), email.optional()),
		hours: text(80, 'the hours'),
		escalationLevel: z.coerce
			.number({ message: 'Give the escalation level, 1 to 5.' })
			.int()
			.min(1, { message: 'Escalation levels go from 1 to 5.' })
			.max(5, { message: 'Escalation levels go from 1 to 5.' })
			.default(1),
		contractRef: text(120, 'the contract reference'),
		notes: text(1000, 'the notes'),
		/** Unset: the organization's own people and desks are shown to partners, third parties not. */
		visibleToPartners: z.preprocess(
			(v) => (v === undefined || v === '' ? undefined : v === true || v === 'true' || v === 'on'),
			z.boolean().optional()
		),
		version: z.coerce.number().int().positive().optional()
	})
	.refine((c) => c.phones.length > 0 || c.email, {
		message: 'Give at least a phone number or an email.',
		path: ['phones']
	});

export const logCallInput = z.object({
	contactId: uuid,
	outcome: z
		.string({ message: 'Say what came of the call.' })
		.trim()
		.min(1, { message: 'Say what came of the call.' })
		.max(1000, { message: 'Use at most 1000 characters for the outcome.' }),
	phone: z.string().trim().max(40).optional(),
	calledAt: z.preprocess((v) => (v === '' ? undefined : v), pastInstant.optional())
});

export const shareContactInput = z.object({
	contactId: uuid,
	shared: z.preprocess((v) => v === true || v === 'true' || v === 'on', z.boolean())
});
