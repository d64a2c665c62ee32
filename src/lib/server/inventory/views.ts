import { blastRadius as dependentsOf } from '$lib/inventory/graph';
import type { Actor } from '../access/actor';
import { authorize, may } from '../access/authorize';
import { db, type Db } from '../db/db';
import { authorizeItem } from './access';
import {
	listDependenciesOf,
	listDirectDependents,
	listEdges,
	listItems,
	listOpenIncidentsOf,
	listSummaries,
	type ItemSummary
} from './queries';
import { itemFilters } from './schemas';

/** The reads the pages and the API make, each starting with the permission check. */

export async function listInventory(
	actor: Pick<Actor, 'userId'>,
	organizationId: string,
	filters: unknown = {},
	sql: Db = db()
) {
	await authorize(actor, organizationId, 'inventory.view', sql);
	const parsed = itemFilters.parse(filters);
	return listItems(organizationId, parsed, sql);
}

export interface BlastRadiusEntry extends ItemSummary {
	depth: number;
	/** The hostname of the item it depends on along the shortest chain. */
	via: string;
}

/** Everything that depends on an item, transitively, nearest first. */
export async function blastRadius(
	actor: Pick<Actor, 'userId'>,
	itemId: string,
	sql: Db = db()
): Promise<BlastRadiusEntry[]> {
	const item = await authorizeItem(actor, itemId, 'inventory.view', sql);
	const found = dependentsOf(item.id, await listEdges(item.organizationId, sql));
	const summaries = new Map(
		(
			await listSummaries(
				found.map((entry) => entry.id),
				sql
			)
		).map((s) => [s.id, s])
	);
	const hostname = (id: string) => (id === item.id ? item.hostname : summaries.get(id)?.hostname);
	return found.flatMap((entry) => {
		const summary = summaries.get(entry.id);
		return summary ? [{ ...summary, depth: entry.depth, via: hostname(entry.via) ?? '' }] : [];
	});
}

/** Everything the item page shows: the item, what it depends on, what depends on it. */
export async function readItemPage(actor: Pick<Actor, 'userId'>, itemId: string, sql: Db = db()) {
	const item = await authorizeItem(actor, itemId, 'inventory.view', sql);
	const [dependsOn, dependents, radius, incidents, canEdit, canSetStatus] = await Promise.all([
		listDependenciesOf(item.id, sql),
		listDirectDependents(item.id, sql),
		blastRadius(actor, item.id, sql),
		listOpenIncidentsOf(item.id, sql),
		may(actor, item.organizationId, 'inventory.edit', sql),
		may(actor, item.organizationId, 'inventory.status', sql)
	]);
	return { item, dependsOn, dependents, blastRadius: radius, incidents, canEdit, canSetStatus };
}
