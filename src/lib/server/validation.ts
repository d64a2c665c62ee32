import { z } from 'zod';
import { isStorableText } from '$lib/text/storable';
import { AppError } from './errors';
import { getLocale, type Locale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';

const ZOD_LOCALES: Record<Locale, { localeError: z.core.$ZodErrorMap }> = {
	en: z.locales.en(),
	fr: z.locales.fr()
};

/**
 * Parses input with a schema; on failure throws one `invalid` AppError carrying a message per
 * field, so forms can show each next to its input and nothing is written.
 */
export function parse<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
	// zod's own messages (a wrong type, a missing field) in the reader's language too.
	const result = schema.safeParse(input, { error: ZOD_LOCALES[getLocale()].localeError });
	const fields: Record<string, string> = {};
	if (result.success) {
		// What PostgreSQL would refuse with an error (a 500) is refused here, by field.
		unstorable(result.data, [], fields);
		if (Object.keys(fields).length === 0) return result.data;
	} else {
		for (const issue of result.error.issues) {
			const key = issue.path.join('.') || 'form';
			fields[key] ??= issue.message;
		}
	}
	const first = Object.entries(fields)[0];
	const summary = first
		? first[0] === 'form'
			? first[1]
			: `${first[0]}: ${first[1]}`
		: m.val_invalid_input();
	throw new AppError('invalid', summary, fields);
}

const MAX_INTEGER = 2_147_483_647;

/**
 * Finds values a schema let through that the database cannot store: text with a NUL
 * character or a lone surrogate (keys included), integers beyond PostgreSQL's integer, dates outside years 1 to 9999.
 */
function unstorable(value: unknown, path: (string | number)[], fields: Record<string, string>) {
	const key = path.join('.') || 'form';
	if (typeof value === 'string') {
		if (value.includes('\u0000')) fields[key] ??= m.val_nul_character();
		else if (!value.isWellFormed()) fields[key] ??= m.val_lone_surrogate();
	} else if (typeof value === 'number') {
		if (Number.isInteger(value) && Math.abs(value) > MAX_INTEGER)
			fields[key] ??= m.val_number_too_large();
	} else if (value instanceof Date) {
		const year = value.getUTCFullYear();
		if (Number.isNaN(year) || year < 1 || year > 9999) fields[key] ??= m.val_date_out_of_range();
	} else if (Array.isArray(value)) {
		value.forEach((item, i) => unstorable(item, [...path, i], fields));
	} else if (value !== null && typeof value === 'object') {
		for (const [name, item] of Object.entries(value)) {
			if (!isStorableText(name)) fields[key] ??= m.val_field_name_unstorable();
			unstorable(item, [...path, name], fields);
		}
	}
}

export const uuid = z.string().uuid({ error: () => m.val_id_invalid() });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether an id can be looked up at all (anything else would be a database error). */
export function isUuid(value: unknown): value is string {
	return typeof value === 'string' && UUID.test(value);
}
export const clientMutationId = uuid.optional().nullable();

/*
 * Field builders: each schema reads as a list of its fields, each field's messages in words
 * the reader of the form understands (both languages), the limits beside them.
 */
type Message = () => string;

/**
 * A required text, trimmed: `required` when absent or blank, `short` below `min` (default: the
 * same as `required`), `long` above `max` (without one, zod's own words).
 */
export function requiredText(
	{ min = 1, max }: { min?: number; max: number },
	{ required, short = required, long }: { required: Message; short?: Message; long?: Message }
) {
	const text = z.string({ error: required }).trim().min(min, { error: short });
	return long ? text.max(max, { error: long }) : text.max(max);
}

/** An optional text, trimmed, empty when absent; `long` is told the limit. */
export function optionalText(max: number, long?: (max: number) => string) {
	const text = z.string().trim();
	return (long ? text.max(max, { error: () => long(max) }) : text.max(max)).default('');
}

/** The version a change was made on (refused when stale); absent: whatever the current one. */
export const expectedVersion = z.coerce.number().int().positive().optional();

/** A checkbox of a form (`on`, or absent) or a JSON boolean. */
export const checkbox = z
	.union([z.boolean(), z.literal('on'), z.literal('true'), z.literal('false'), z.literal('')])
	.transform((v) => v === true || v === 'on' || v === 'true');

/** Reads a form into a plain object: one value per name, trimmed; files are ignored. */
export function formObject(form: FormData): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of form) {
		if (typeof value === 'string') out[key] = value;
	}
	return out;
}
