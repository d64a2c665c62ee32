import type { Db } from '../db/db';
import { AppError } from '../errors';
import type { InventoryItem } from './queries';
import { m } from '$lib/paraglide/messages';

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
		throw new AppError(
			'conflict',
			m.err_item_no_version({ hostname: item.hostname, version: readVersion })
		);
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
		if (event.kind === 'inventory.status_changed') fields.add(fieldWords('status'));
		for (const field of event.payload.changed ?? []) fields.add(fieldWords(field));
		if (event.actor_name) people.add(event.actor_name);
	}
	// Version bumps with no event of their own came from an import.
	if (events.length < gap) people.add(m.err_item_changed_by_import());
	const what = fields.size > 0 ? [...fields].join(', ') : m.err_item_changed_description();
	const hostname = item.hostname;
	return people.size > 0
		? m.err_item_changed_by({ hostname, people: [...people].join(', '), what })
		: m.err_item_changed({ hostname, what });
}

/** A changed field as it reads inside a sentence ("role", "operating system"). */
function fieldWords(field: string): string {
	const labels: Record<string, () => string> = {
		hostname: m.inventory_field_hostname,
		kind: m.inventory_field_kind,
		role: m.inventory_field_role,
		environment: m.inventory_field_environment,
		location: m.inventory_field_location,
		provider: m.inventory_field_provider,
		providerOrganization: m.inventory_field_provider_organization,
		addresses: m.inventory_field_addresses,
		os: m.inventory_field_os,
		criticality: m.inventory_field_criticality,
		tags: m.inventory_field_tags,
		status: m.inventory_field_status,
		notes: m.inventory_field_notes,
		dependsOn: m.inventory_field_depends_on
	};
	const label = labels[field];
	return label ? label().toLowerCase() : field;
}
