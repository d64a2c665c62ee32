import { z } from 'zod';
import { email } from '../users/schemas';
import { expectedVersion, optionalText, requiredText, uuid } from '../validation';
import { pastInstant } from '../incidents/schemas';
import { m } from '$lib/paraglide/messages';

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
		.array(z.string().regex(PHONE, { error: () => m.val_phone_format() }))
		.max(5, { error: () => m.val_phones_max() })
);

export const contactInput = z
	.object({
		providerName: requiredText({ max: 80 }, { required: () => m.val_provider_name() }),
		providerOrganizationId: z.preprocess((v) => (v === '' ? undefined : v), uuid.optional()),
		name: requiredText({ max: 80 }, { required: () => m.val_contact_name() }),
		function: optionalText(80, (max) => m.val_contact_function_long({ max })),
		phones: phones.default([]),
		email: z.preprocess((v) => (v === '' ? undefined : v), email.optional()),
		hours: optionalText(80, (max) => m.val_contact_hours_long({ max })),
		escalationLevel: z.coerce
			.number({ error: () => m.val_escalation_level() })
			.int()
			.min(1, { error: () => m.val_escalation_range() })
			.max(5, { error: () => m.val_escalation_range() })
			.default(1),
		contractRef: optionalText(120, (max) => m.val_contact_contract_long({ max })),
		notes: optionalText(1000, (max) => m.val_contact_notes_long({ max })),
		/** Unset: the organization's own people and desks are shown to partners, third parties not. */
		visibleToPartners: z.preprocess(
			(v) => (v === undefined || v === '' ? undefined : v === true || v === 'true' || v === 'on'),
			z.boolean().optional()
		),
		version: expectedVersion
	})
	.refine((c) => c.phones.length > 0 || c.email, {
		error: () => m.val_phone_or_email(),
		path: ['phones']
	});

export const logCallInput = z.object({
	contactId: uuid,
	outcome: requiredText(
		{ max: 1000 },
		{ required: () => m.val_call_outcome(), long: () => m.val_call_outcome_long() }
	),
	phone: z.string().trim().max(40).optional(),
	calledAt: z.preprocess((v) => (v === '' ? undefined : v), pastInstant.optional()),
	/** Why the call is logged later than it was made (kept on the timeline when back-dated). */
	backdateReason: optionalText(500, (max) => m.val_reason_too_long({ max }))
});

export const shareContactInput = z.object({
	contactId: uuid,
	shared: z.preprocess((v) => v === true || v === 'true' || v === 'on', z.boolean())
});
