import { m } from '$lib/paraglide/messages';
import type { StreamEvent } from '$lib/realtime/protocol';
import { statusLabel } from './labels';
import { ITEM_STATUSES, type ItemStatus } from './model';

const text = (value: unknown) => (typeof value === 'string' ? value : '');
const count = (value: unknown) => (typeof value === 'number' ? value : 0);
const status = (value: unknown) =>
	ITEM_STATUSES.includes(value as ItemStatus) ? statusLabel(value as ItemStatus) : text(value);

/**
 * One line a person reads for an inventory event, on an organization's activity or an
 * incident's timeline; null for an event that is not the inventory's.
 */
export function describeInventoryEvent(event: StreamEvent): string | null {
	const p = event.payload;
	const hostname = text(p.hostname);
	switch (event.kind) {
		case 'inventory.created':
			return m.inventory_event_created({ hostname });
		case 'inventory.updated':
			return m.inventory_event_updated({
				hostname,
				fields: Array.isArray(p.changed) ? p.changed.join(', ') : ''
			});
		case 'inventory.deleted':
			return m.inventory_event_deleted({ hostname });
		case 'inventory.status_changed': {
			const values = { hostname, from: status(p.from), to: status(p.to) };
			return p.reason
				? m.inventory_event_status_changed_reason({ ...values, reason: text(p.reason) })
				: m.inventory_event_status_changed(values);
		}
		case 'inventory.imported':
			return m.inventory_event_imported({ created: count(p.created), updated: count(p.updated) });
		case 'inventory.linked':
			return m.inventory_event_linked({ hostname });
		case 'inventory.unlinked':
			return m.inventory_event_unlinked({ hostname });
		default:
			return null;
	}
}
