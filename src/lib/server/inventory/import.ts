import { m } from '$lib/paraglide/messages';
import { formatImportError, type ImportError } from '$lib/inventory/import-parse';
import { planImport, type ExistingItem, type ImportRow } from '$lib/inventory/import-plan';
import type { ItemStatus } from '$lib/inventory/model';
import { EMPTY_MAPPING, type ImportMapping } from '$lib/inventory/import-mapping';
import { inOrganization } from '../access/authorize';
import type { Db, Tx } from '../db/db';
import { AppError } from '../errors';
import { type Emit, command } from '../events/command';
import { replaceDependencies, rethrowIfHostnameTaken } from './dependencies';
import { importInput, mappingInput } from './schemas';
import { recordOnIncidents } from './status';

/** An import refused as a whole: every error of the file, nothing written. */
export class ImportRefused extends AppError {
	readonly errors: string[];

	constructor(errors: readonly ImportError[]) {
		const lines = errors.map(formatImportError);
		super(
			'invalid',
			m.imp_nothing_imported({ count: lines.length }),
			Object.fromEntries(lines.map((line, index) => [`error${index + 1}`, line]))
		);
		this.errors = lines;
	}
}

interface StoredItem {
	id: string;
	hostname: string;
	status: ItemStatus;
	depends_on: string[];
}

/**
 * Imports a CSV or JSON file into an organization's inventory, all or nothing: the whole file is
 * checked against the inventory as it is inside the transaction (its rows locked), then new
 * items are created and known ones updated, matched by hostname.
 */
export const importItems = command(
	inOrganization('inventory.edit'),
	importInput,
	async (tx, emit, data, { id: organizationId }) => {
		const stored = await lockInventory(tx, organizationId);
		const existing: ExistingItem[] = stored.map((s) => ({
			hostname: s.hostname,
			dependsOn: s.depends_on
		}));
		const mapping =
			data.mapping === 'saved'
				? ((await findSavedMapping(tx, organizationId)) ?? EMPTY_MAPPING)
				: (data.mapping ?? EMPTY_MAPPING);
		const plan = planImport(data.text, existing, data.format, {
			mapping,
			unknown: data.unknownColumns
		});
		if (plan.errors.length > 0) throw new ImportRefused(plan.errors);
		const ids = new Map(stored.map((s) => [s.hostname.toLowerCase(), s]));
		for (const row of plan.rows) {
			const known = ids.get(row.fields.hostname.toLowerCase());
			const id = known
				? await updateRow(tx, emit, known, row)
				: await insertRow(tx, organizationId, row);
			ids.set(row.fields.hostname.toLowerCase(), {
				id,
				hostname: row.fields.hostname,
				status: row.status ?? 'unknown',
				depends_on: []
			});
		}
		for (const row of plan.rows) {
			if (!row.dependsOn) continue;
			const itemId = ids.get(row.fields.hostname.toLowerCase())?.id ?? '';
			const targets = row.dependsOn.map((name) => ids.get(name.toLowerCase())?.id ?? '');
			await replaceDependencies(tx, itemId, [...new Set(targets)]);
		}
		if (data.saveMapping) await saveMapping(tx, organizationId, mapping);
		const result = {
			mappingSaved: data.saveMapping,
			format: plan.format,
			created: plan.creates.length,
			updated: plan.updates.length,
			createdHostnames: plan.creates,
			updatedHostnames: plan.updates
		};
		await emit({ streamId: organizationId, kind: 'inventory.imported', payload: result });
		return result;
	}
);

/** The mapping an organization saved with an earlier import, if any. */
export async function findSavedMapping(
	sql: Db | Tx,
	organizationId: string
): Promise<(ImportMapping & { updatedAt: Date }) | null> {
	const [row] = await sql<{ columns: unknown; statuses: unknown; updated_at: Date }[]>`
		select columns, statuses, updated_at from inventory_import_mappings
		where organization_id = ${organizationId}`;
	if (!row) return null;
	// Stored by saveMapping from a parsed mapping; read back through the same schema.
	const parsed = mappingInput.safeParse({ columns: row.columns, statuses: row.statuses });
	return parsed.success ? { ...parsed.data, updatedAt: row.updated_at } : null;
}

/** Keeps a mapping for the next import: the columns it names, merged over the saved ones. */
async function saveMapping(tx: Tx, organizationId: string, mapping: ImportMapping) {
	const columns = tx.json(mapping.columns);
	const statuses = tx.json(mapping.statuses);
	await tx`
		insert into inventory_import_mappings (organization_id, columns, statuses)
		values (${organizationId}, ${columns}, ${statuses})
		on conflict (organization_id) do update set
			columns = inventory_import_mappings.columns || excluded.columns,
			statuses = inventory_import_mappings.statuses || excluded.statuses,
			updated_at = now()`;
}

async function lockInventory(tx: Tx, organizationId: string): Promise<StoredItem[]> {
	return tx<StoredItem[]>`
		select i.id, i.hostname, i.status, coalesce(
			(select array_agg(t.hostname order by t.hostname)
			from inventory_dependencies d join inventory_items t on t.id = d.depends_on_id
			where d.item_id = i.id), '{}') as depends_on
		from inventory_items i
		where i.organization_id = ${organizationId}
		for update of i`;
}

async function insertRow(tx: Tx, organizationId: string, row: ImportRow): Promise<string> {
	const values = {
		...row.fields,
		organization_id: organizationId,
		status: row.status ?? 'unknown',
		status_changed_at: row.status ? new Date() : null
	};
	const [item] = await tx<{ id: string }[]>`
		insert into inventory_items ${tx(values)} returning id`.catch(
		rethrowIfHostnameTaken(row.fields.hostname)
	);
	if (!item) throw new Error('inventory item insert returned no row');
	return item.id;
}

/** Updates the columns the file gives; a status change reaches the incidents the item is in. */
async function updateRow(tx: Tx, emit: Emit, known: StoredItem, row: ImportRow): Promise<string> {
	const moved = row.status !== undefined && row.status !== known.status;
	const values = {
		...row.fields,
		...(moved ? { status: row.status, status_changed_at: new Date() } : {})
	};
	const [updated] = await tx<{ version: number }[]>`
		update inventory_items set ${tx(values)}, version = version + 1
		where id = ${known.id} returning version`.catch(rethrowIfHostnameTaken(row.fields.hostname));
	if (moved && row.status && updated) {
		await recordOnIncidents(tx, emit, {
			itemId: known.id,
			hostname: row.fields.hostname,
			from: known.status,
			to: row.status,
			reason: 'import',
			version: updated.version
		});
	}
	return known.id;
}
