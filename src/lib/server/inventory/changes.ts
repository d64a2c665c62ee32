import type { Db } from '../db/db';
import { AppError } from '../errors';
import type { InventoryItem } from './queries';

interface ChangeEvent {
	kind: string;
	actor_name: string | null;
	payload: { changed?: string[] };
}

/**
 * Refuses an edit made on a stale version, saying what changed since and who changed it. Every
 * change bumps the version, status changes included; but the edit form does not carry the
 * status, so an item whose status alone moved on is still safe to edit.
 */
export async function assertEditable(
	sql: Db,
	item: InventoryItem,
	readVersion: number
): Promise<void> {
	if (readVersion === item.version) return;
	if (readVersion > item.version) {
		throw new AppError('conflict', `${item.hostname} has no version ${readVersion}: reload it.`);
	}
	const events = await sql<ChangeEvent[]>`
		select kind, actor_name, payload from events
		where stream_id = ${item.organizationId}
			and kind in ('inventory.updated', 'inventory.status_changed')
			and payload->>'itemId' = ${item.id}
			and (payload->>'version')::int > ${readVersion}
		order by seq`;
	const gap = item.version - readVersion;
	const statusOnly =
		events.length === gap && events.every((event) => event.kind === 'inventory.status_changed');
	if (statusOnly) return;
	throw new AppError('conflict', describeChanges(item, events, gap));
}

function describeChanges(item: InventoryItem, events: ChangeEvent[], gap: number): string {
	const fields = new Set<string>();
	const people = new Set<string>();
	for (const event of events) {
		if (event.kind === 'inventory.status_changed') fields.add('status');
		for (const field of event.payload.changed ?? []) fields.add(field);
		if (event.actor_name) people.add(event.actor_name);
	}
	// Version bumps with no event of their own came from an import.
	if (events.length < gap) people.add('an import');
	const what = fields.size > 0 ? [...fields].join(', ') : 'its description';
	const who = people.size > 0 ? ` by ${[...people].join(', ')}` : '';
	return `${item.hostname} was changed${who} since you opened it (${what}). Nothing was saved: review the current values and save again.`;
}
