import { m } from '$lib/paraglide/messages';
import { z } from 'zod';

/**
 * The inventory's vocabulary and field rules, shared by the forms, the JSON API and the
 * import so that a value refused in one is refused with the same words in the others.
 */

export const ITEM_STATUSES = ['up', 'degraded', 'down', 'rebuilding', 'unknown'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const ITEM_KINDS = ['server', 'service'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** Statuses that put the items depending on this one at risk. */
export const IMPAIRED_STATUSES: readonly ItemStatus[] = ['down', 'degraded', 'rebuilding'];

// No spaces and no ";": dependencies are written as hostnames separated by either.
const HOSTNAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const MAX_LIST = 50;

/**
 * Splits "a b;c, d" (or ["a b", "c"]) into ["a", "b", "c", "d"]: the import's and the forms'
 * list syntax (spaces, semicolons or commas, as other tools write tags).
 */
export function splitList(value: string | readonly string[]): string[] {
	const parts = typeof value === 'string' ? [value] : value;
	return parts.flatMap((part) => part.split(/[\s;,]+/)).filter((part) => part.length > 0);
}

const text = (max: number) =>
	z
		.string({ error: () => m.imp_must_be_text() })
		.trim()
		.max(max, { error: () => m.imp_at_most_characters({ max }) });

const list = (itemMax: number, normalize: (value: string) => string = (v) => v) =>
	z
		.union([z.string(), z.array(z.string())], {
			error: () => m.imp_text_or_list()
		})
		.transform((value) => [...new Set(splitList(value).map(normalize))])
		.pipe(
			z
				.array(z.string().max(itemMax, { error: () => m.imp_each_at_most({ max: itemMax }) }))
				.max(MAX_LIST, { error: () => m.imp_at_most_values({ max: MAX_LIST }) })
		);

export const hostnameSchema = z
	.string({ error: () => m.imp_must_be_text() })
	.trim()
	.min(1, { error: () => m.imp_required() })
	.max(253, { error: () => m.imp_at_most_characters({ max: 253 }) })
	.regex(HOSTNAME, { error: () => m.imp_hostname_pattern() });

export const statusSchema = z.enum(ITEM_STATUSES, {
	error: () => m.imp_one_of({ values: ITEM_STATUSES.join(', ') })
});

export const kindSchema = z.enum(ITEM_KINDS, { error: () => m.imp_kind() });

/** One schema per editable field, by its import column name. */
export const ITEM_FIELD_SCHEMAS = {
	hostname: hostnameSchema,
	kind: kindSchema,
	role: text(200),
	environment: text(100),
	location: text(200),
	provider: text(200),
	addresses: list(255),
	os: text(200),
	criticality: text(100),
	tags: list(64, (tag) => tag.toLowerCase()),
	status: statusSchema,
	notes: text(4000),
	depends_on: list(253)
} as const;

export type ItemColumn = keyof typeof ITEM_FIELD_SCHEMAS;
export const ITEM_COLUMNS = Object.keys(ITEM_FIELD_SCHEMAS) as ItemColumn[];

/** The description of an item, as stored (lists already split, tags lower-cased). */
export interface ItemFields {
	hostname: string;
	kind: ItemKind;
	role: string;
	environment: string;
	location: string;
	provider: string;
	addresses: string[];
	os: string;
	criticality: string;
	tags: string[];
	notes: string;
}

/** The fields a person edits in the form (status has its own two-tap control). */
export const DESCRIPTIVE_FIELDS = [
	'hostname',
	'kind',
	'role',
	'environment',
	'location',
	'provider',
	'addresses',
	'os',
	'criticality',
	'tags',
	'notes'
] as const satisfies readonly (keyof ItemFields)[];

export const itemFieldsSchema = z.object({
	hostname: hostnameSchema,
	kind: kindSchema.default('server'),
	role: ITEM_FIELD_SCHEMAS.role.default(''),
	environment: ITEM_FIELD_SCHEMAS.environment.default(''),
	location: ITEM_FIELD_SCHEMAS.location.default(''),
	provider: ITEM_FIELD_SCHEMAS.provider.default(''),
	addresses: ITEM_FIELD_SCHEMAS.addresses.default([]),
	os: ITEM_FIELD_SCHEMAS.os.default(''),
	criticality: ITEM_FIELD_SCHEMAS.criticality.default(''),
	tags: ITEM_FIELD_SCHEMAS.tags.default([]),
	notes: ITEM_FIELD_SCHEMAS.notes.default('')
});

/** The first message a schema gives for a value, or null when the value is acceptable. */
export function fieldProblem(schema: z.ZodType, value: unknown): string | null {
	const result = schema.safeParse(value);
	return result.success ? null : (result.error.issues[0]?.message ?? 'is not valid');
}
