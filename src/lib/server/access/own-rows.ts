import type { Db } from '../db/db';
import { AppError } from '../errors';

/** The tables whose rows a form names by id, each row of one organization. */
type OwnedTable = 'inventory_items' | 'status_components';

/**
 * Refuses ids that are not all rows of `table` belonging to the organization (invalid, said on
 * the form's `field`): what a form names by id never reaches into another tenant's rows.
 */
export async function assertOwnRows(
	sql: Db,
	table: OwnedTable,
	organizationId: string,
	ids: readonly string[],
	refusal: { field: string; message: () => string }
): Promise<void> {
	const wanted = [...new Set(ids)];
	if (wanted.length === 0) return;
	const known = await sql<{ id: string }[]>`
		select id from ${sql(table)}
		where organization_id = ${organizationId} and id = any(${wanted}::uuid[])`;
	if (known.length !== wanted.length) {
		throw new AppError('invalid', refusal.message(), { [refusal.field]: refusal.message() });
	}
}
