import { guardedRead } from '../access/guarded-read';
import { db, type Db, type Tx } from '../db/db';
import { AppError } from '../errors';
import { command } from '../events/command';
import { inIncident } from '../incidents/access';
import { findItem, itemSummaryColumns, type InventoryItem, type ItemSummary } from './queries';
import { linkInput } from './schemas';
import { m } from '$lib/paraglide/messages';

/**
 * Links an inventory item to an incident: from then on its status changes appear in the
 * incident's timeline, and everyone taking part in the incident sees it. The item must belong
 * to one of the organizations taking part.
 */
export const linkItemToIncident = command(
	inIncident('incident.update'),
	linkInput,
	async (tx, emit, { itemId }, { id: incidentId, context }) => {
		const item = await findParticipatingItem(tx, incidentId, itemId);
		const inserted = await tx`
			insert into incident_items (incident_id, item_id, linked_by)
			values (${incidentId}, ${itemId}, ${context.actor.userId})
			on conflict do nothing`;
		if (inserted.count === 0) return { itemId, linked: false };
		await emit({
			streamId: incidentId,
			kind: 'inventory.linked',
			payload: { itemId, hostname: item.hostname, status: item.status }
		});
		return { itemId, linked: true };
	}
);

export const unlinkItemFromIncident = command(
	inIncident('incident.update'),
	linkInput,
	async (tx, emit, { itemId }, { id: incidentId }) => {
		const [removed] = await tx<{ hostname: string }[]>`
			delete from incident_items ii using inventory_items i
			where ii.incident_id = ${incidentId} and ii.item_id = ${itemId} and i.id = ii.item_id
			returning i.hostname`;
		if (!removed) throw new AppError('not_found', m.err_item_not_linked());
		await emit({
			streamId: incidentId,
			kind: 'inventory.unlinked',
			payload: { itemId, hostname: removed.hostname }
		});
		return { itemId, unlinked: true };
	}
);

async function findParticipatingItem(
	tx: Tx,
	incidentId: string,
	itemId: string
): Promise<InventoryItem> {
	const item = await findItem(itemId, tx);
	const [taking] = item
		? await tx`
			select 1 from incident_organizations
			where incident_id = ${incidentId} and organization_id = ${item.organizationId}`
		: [];
	if (!item || !taking) {
		throw new AppError('not_found', m.err_no_such_item_in_incident());
	}
	return item;
}

export interface IncidentItem extends ItemSummary {
	organizationId: string;
	organizationName: string;
	statusChangedAt: Date | null;
	version: number;
	linkedAt: Date;
}

/**
 * The items linked to an incident, for its room: any participant sees them, from whichever
 * organization they take part.
 */
export const listIncidentItems = guardedRead(inIncident('incident.view'), listLinkedItems);

/** The same for a reader whose access is already known (the room read it once). */
export async function listLinkedItems(incidentId: string, sql: Db = db()): Promise<IncidentItem[]> {
	return sql<IncidentItem[]>`
		select ${itemSummaryColumns(sql)}, i.organization_id as "organizationId",
			o.name as "organizationName", i.status_changed_at as "statusChangedAt", i.version,
			ii.linked_at as "linkedAt"
		from incident_items ii
		join inventory_items i on i.id = ii.item_id
		join organizations o on o.id = i.organization_id
		where ii.incident_id = ${incidentId}
		order by lower(i.hostname)`;
}
