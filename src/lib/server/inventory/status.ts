import type { StatusChangedPayload } from '$lib/events/payloads';
import type { ItemStatus } from '$lib/inventory/model';
import { statusLabel } from '$lib/inventory/labels';
import type { Tx } from '../db/db';
import { AppError } from '../errors';
import { runCommand, type CommandContext, type Emit } from '../events/command';
import { checkTrueTime, readBounds } from '../milestones/true-time';
import { backdateMark } from '../timeline/schemas';
import { parse } from '../validation';
import { authorizeStatusChange } from './access';
import { listOpenIncidentsOf, type InventoryItem } from './queries';
import { statusInput } from './schemas';
import { m } from '$lib/paraglide/messages';

/**
 * Sets an item's live status. The change is recorded on the organization's stream and, in the
 * same transaction, on the timeline of every open incident the item is linked to.
 */
export async function setItemStatus(context: CommandContext, itemId: string, input: unknown) {
	const data = parse(statusInput, input);
	return runCommand(context, async (tx, emit) => {
		const item = await authorizeStatusChange(context.actor, itemId, tx);
		if (item.status === data.status) {
			return { itemId, status: item.status, version: item.version, changed: false };
		}
		if (data.version !== undefined && data.version !== item.version) {
			await assertStatusUnchangedSince(tx, item, data.version);
		}
		if (data.occurredAt) await checkItemStatusTime(tx, item, data.occurredAt);
		const version = await applyItemStatus(
			tx,
			emit,
			item,
			data.status,
			data.reason,
			data.occurredAt
		);
		return { itemId, status: data.status, version, changed: true };
	});
}

/**
 * A status change told at its true time: not before the item's last change (its status would
 * no longer be the latest) nor before the first fact of an open incident it is recorded on.
 * Refused, nothing written.
 */
async function checkItemStatusTime(tx: Tx, item: InventoryItem, at: Date) {
	if (item.statusChangedAt && at < item.statusChangedAt) {
		const message = m.err_item_status_before_last({
			at: at.toISOString(),
			hostname: item.hostname,
			last: item.statusChangedAt.toISOString()
		});
		throw new AppError('invalid', message, { occurredAt: message });
	}
	for (const incident of await listOpenIncidentsOf(item.id, tx))
		checkTrueTime(await readBounds(tx, incident.id), at, 'fact');
}

/**
 * Writes an item's new status and its events (on the organization's stream and the timeline of
 * every open incident it is linked to) inside the caller's transaction; the item is locked.
 * `occurredAt` is the true time of a change told afterwards (with `reason` as why, when back-dated).
 */
export async function applyItemStatus(
	tx: Tx,
	emit: Emit,
	item: InventoryItem,
	status: ItemStatus,
	reason?: string,
	occurredAt?: Date
): Promise<number> {
	const [row] = await tx<{ version: number }[]>`
		update inventory_items
		set status = ${status}, status_changed_at = ${occurredAt ? tx`${occurredAt}::timestamptz` : tx`now()`},
			version = version + 1
		where id = ${item.id}
		returning version`;
	const version = row?.version ?? item.version + 1;
	const change: StatusChangedPayload = {
		itemId: item.id,
		hostname: item.hostname,
		from: item.status,
		to: status,
		...(reason ? { reason } : {}),
		version,
		...backdateMark(occurredAt, reason)
	};
	await emit({
		streamId: item.organizationId,
		kind: 'inventory.status_changed',
		occurredAt,
		payload: change
	});
	await recordOnIncidents(tx, emit, change, occurredAt);
	return version;
}

/**
 * A status change made on what someone saw at `version` (a change queued offline, say) is
 * refused if the status moved since: "up" sent after someone else set "down" must not win
 * silently. Edits of the description in between do not matter.
 */
async function assertStatusUnchangedSince(tx: Tx, item: InventoryItem, version: number) {
	const [moved] = await tx<{ actor_name: string | null }[]>`
		select actor_name from events
		where stream_id = ${item.organizationId} and kind = 'inventory.status_changed'
			and payload->>'itemId' = ${item.id} and (payload->>'version')::int > ${version}
		order by seq desc
		limit 1`;
	// A version the server never gave out, or one bumped by an import: be safe and refuse.
	const unexplained = version > item.version || !(await onlyEventsExplain(tx, item, version));
	if (moved || unexplained) {
		const status = statusLabel(item.status);
		throw new AppError(
			'conflict',
			moved?.actor_name
				? m.err_item_status_moved_by({ hostname: item.hostname, status, name: moved.actor_name })
				: m.err_item_status_moved({ hostname: item.hostname, status })
		);
	}
}

async function onlyEventsExplain(tx: Tx, item: InventoryItem, version: number) {
	const [row] = await tx<{ count: number }[]>`
		select count(*)::int as count from events
		where stream_id = ${item.organizationId}
			and kind in ('inventory.updated', 'inventory.status_changed')
			and payload->>'itemId' = ${item.id} and (payload->>'version')::int > ${version}`;
	return (row?.count ?? 0) === item.version - version;
}

/**
 * Appends `inventory.status_changed` to each open incident the item is linked to: the same
 * payload as on the organization's stream, new version included.
 */
export async function recordOnIncidents(
	tx: Tx,
	emit: Emit,
	change: StatusChangedPayload,
	occurredAt?: Date
): Promise<void> {
	for (const incident of await listOpenIncidentsOf(change.itemId, tx)) {
		await emit({
			streamId: incident.id,
			kind: 'inventory.status_changed',
			occurredAt,
			payload: change
		});
	}
}
