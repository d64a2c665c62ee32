import type { Edge } from '$lib/inventory/graph';
import type { ItemKind, ItemStatus } from '$lib/inventory/model';
import { db, type Db } from '../db/db';
import type { ItemFilters } from './schemas';

export interface InventoryItem {
	id: string;
	organizationId: string;
	kind: ItemKind;
	hostname: string;
	role: string;
	environment: string;
	location: string;
	provider: string;
	providerOrganizationId: string | null;
	providerOrganizationName: string | null;
	addresses: string[];
	os: string;
	criticality: string;
	tags: string[];
	status: ItemStatus;
	statusChangedAt: Date | null;
	notes: string;
	createdAt: Date;
	version: number;
}

/** What a list, a dependency or a blast radius shows of an item. */
export type ItemSummary = Pick<
	InventoryItem,
	'id' | 'hostname' | 'kind' | 'role' | 'status' | 'criticality' | 'location' | 'tags'
>;

function selectItems(sql: Db) {
	return sql`
		select i.id, i.organization_id as "organizationId", i.kind, i.hostname, i.role, i.environment,
			i.location, i.provider, i.provider_organization_id as "providerOrganizationId",
			p.name as "providerOrganizationName", i.addresses, i.os, i.criticality, i.tags, i.status,
			i.status_changed_at as "statusChangedAt", i.notes, i.created_at as "createdAt", i.version
		from inventory_items i
		left join organizations p on p.id = i.provider_organization_id`;
}

export async function findItem(itemId: string, sql: Db = db()): Promise<InventoryItem | null> {
	const [row] = await sql<InventoryItem[]>`${selectItems(sql)} where i.id = ${itemId}`;
	return row ?? null;
}

/** Locks the item until the transaction ends: concurrent changes to it are applied in turn. */
export async function lockItem(sql: Db, itemId: string): Promise<InventoryItem | null> {
	const [row] = await sql<InventoryItem[]>`
		${selectItems(sql)} where i.id = ${itemId} for update of i`;
	return row ?? null;
}

export async function listItems(
	organizationId: string,
	filters: ItemFilters = {},
	sql: Db = db()
): Promise<InventoryItem[]> {
	const { q, tag, status } = filters;
	const pattern = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
	return sql<InventoryItem[]>`
		${selectItems(sql)}
		where i.organization_id = ${organizationId}
			${status ? sql`and i.status = ${status}` : sql``}
			${tag ? sql`and i.tags @> array[${tag}]::text[]` : sql``}
			${
				pattern
					? sql`and (i.hostname ilike ${pattern} or i.role ilike ${pattern}
						or i.location ilike ${pattern} or i.provider ilike ${pattern}
						or i.criticality ilike ${pattern} or i.environment ilike ${pattern}
						or i.os ilike ${pattern} or array_to_string(i.addresses, ' ') ilike ${pattern})`
					: sql``
			}
		order by lower(i.hostname)
		limit 5000`;
}

/** Every dependency between the organization's items: the graph a blast radius walks. */
export async function listEdges(organizationId: string, sql: Db = db()): Promise<Edge[]> {
	return sql<Edge[]>`
		select d.item_id as "from", d.depends_on_id as "to"
		from inventory_dependencies d join inventory_items i on i.id = d.item_id
		where i.organization_id = ${organizationId}`;
}

/** The columns of an `ItemSummary`, of the items aliased `i`. */
export const itemSummaryColumns = (sql: Db) =>
	sql`i.id, i.hostname, i.kind, i.role, i.status, i.criticality, i.location, i.tags`;

export async function listSummaries(ids: readonly string[], sql: Db = db()) {
	if (ids.length === 0) return [];
	return sql<ItemSummary[]>`
		select ${itemSummaryColumns(sql)}
		from inventory_items i where i.id = any(${ids as string[]}::uuid[])`;
}

/** For each way along a dependency: the end the item is at, and the end its neighbours are at. */
const ENDS = {
	dependencies: { item: 'd.item_id', neighbour: 'd.depends_on_id' },
	dependents: { item: 'd.depends_on_id', neighbour: 'd.item_id' }
} as const;

/** The items one dependency away from an item, one way: what it depends on, or what depends on it. */
function listNeighbours(itemId: string, way: keyof typeof ENDS, sql: Db) {
	const { item, neighbour } = ENDS[way];
	return sql<ItemSummary[]>`
		select ${itemSummaryColumns(sql)}
		from inventory_dependencies d join inventory_items i on i.id = ${sql(neighbour)}
		where ${sql(item)} = ${itemId}
		order by lower(i.hostname)`;
}

export async function listDependenciesOf(itemId: string, sql: Db = db()) {
	return listNeighbours(itemId, 'dependencies', sql);
}

export async function listDirectDependents(itemId: string, sql: Db = db()) {
	return listNeighbours(itemId, 'dependents', sql);
}

/** The organization's hostnames (lower-cased) with their ids: how forms and imports name items. */
export async function mapHostnames(
	organizationId: string,
	sql: Db = db()
): Promise<Map<string, { id: string; hostname: string }>> {
	const rows = await sql<{ id: string; hostname: string }[]>`
		select id, hostname from inventory_items where organization_id = ${organizationId}`;
	return new Map(rows.map((row) => [row.hostname.toLowerCase(), row]));
}

/** The open (not closed) incidents an item is linked to: their timelines follow its status. */
export async function listOpenIncidentsOf(itemId: string, sql: Db = db()) {
	return sql<{ id: string; title: string }[]>`
		select i.id, i.title
		from incident_items ii join incidents i on i.id = ii.incident_id
		where ii.item_id = ${itemId} and i.status <> 'closed'
		order by i.declared_at`;
}

/** Provider organizations a person may name as an item's provider: theirs and their partners'. */
export async function listProviderChoices(userId: string, organizationId: string, sql: Db = db()) {
	return sql<{ id: string; name: string }[]>`
		select o.id, o.name from organizations o
		where o.kind = 'provider' and (
			o.id in (select organization_id from memberships where user_id = ${userId})
			or o.id in (
				select io.organization_id from incident_organizations io
				join incident_organizations mine on mine.incident_id = io.incident_id
				where mine.organization_id = ${organizationId}))
		order by o.name`;
}
