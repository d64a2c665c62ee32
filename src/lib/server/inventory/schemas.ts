import { z } from 'zod';
import { COLUMN_TARGETS, type ColumnTarget } from '$lib/inventory/import-mapping';
import { ITEM_FIELD_SCHEMAS, itemFieldsSchema, statusSchema } from '$lib/inventory/model';
import { laterInstant } from '../incidents/schemas';
import { uuid } from '../validation';
import { m } from '$lib/paraglide/messages';

/** An empty form field means "none": forms send "" where the API sends nothing. */
const emptyAsUndefined = (value: unknown) => (value === '' || value === null ? undefined : value);

const version = z.coerce
	.number({ error: () => m.imp_version() })
	.int()
	.positive({ error: () => m.imp_version() });

const itemInput = itemFieldsSchema.extend({
	dependsOn: ITEM_FIELD_SCHEMAS.depends_on.default([]),
	providerOrganizationId: z.preprocess(emptyAsUndefined, uuid.optional())
});

export const createItemInput = itemInput.extend({ status: statusSchema.default('unknown') });
export type CreateItemInput = z.infer<typeof createItemInput>;

export const updateItemInput = itemInput.extend({ version });
export type UpdateItemInput = z.infer<typeof updateItemInput>;

export const deleteItemInput = z.object({
	version: z.preprocess(emptyAsUndefined, version.optional()),
	/** Also remove the dependencies other items have on this one (otherwise refused). */
	detach: z.preprocess((value) => value === true || value === 'true' || value === 'on', z.boolean())
});

export const statusInput = z.object({
	status: statusSchema,
	reason: z.preprocess(
		emptyAsUndefined,
		z
			.string({ error: () => m.imp_must_be_text() })
			.trim()
			.max(500, { error: () => m.imp_at_most_characters({ max: 500 }) })
			.optional()
	),
	version: z.preprocess(emptyAsUndefined, version.optional()),
	/** When the status really changed (default: now); an earlier time is kept with the reason. */
	occurredAt: laterInstant
});

/** A mapping as the API and the mapping step send it: column → field, status value → status. */
export const mappingInput = z.object({
	columns: z
		.record(
			z.string().max(200),
			z.custom<ColumnTarget>(
				(value) =>
					typeof value === 'string' && (COLUMN_TARGETS as readonly string[]).includes(value),
				{ error: () => m.imp_one_of({ values: COLUMN_TARGETS.join(', ') }) }
			)
		)
		.default({}),
	statuses: z.record(z.string().max(200), statusSchema).default({})
});

export const importInput = z.object({
	text: z.string({ error: () => m.val_import_text_required() }),
	format: z.preprocess(emptyAsUndefined, z.enum(['csv', 'json']).optional()),
	/** How the file's columns and values map; "saved": the organization's saved mapping. */
	mapping: z.union([z.literal('saved'), mappingInput]).optional(),
	/** Columns nobody knows and the mapping does not name: refused (default) or ignored. */
	unknownColumns: z.enum(['refuse', 'ignore']).default('refuse'),
	/** Keep this mapping for the organization's next imports. */
	saveMapping: z.preprocess(
		(value) => value === true || value === 'true' || value === 'on',
		z.boolean()
	)
});

export const linkInput = z.object({ itemId: uuid });

export const itemFilters = z.object({
	q: z.string().trim().max(200).optional().catch(undefined),
	tag: z.string().trim().toLowerCase().max(64).optional().catch(undefined),
	status: statusSchema.optional().catch(undefined)
});
export type ItemFilters = z.infer<typeof itemFilters>;
