import { describe } from '$lib/events/describe';
import type { StreamEvent } from '$lib/events/payloads';

/**
 * One line a person reads for an inventory event, on an organization's activity or an
 * incident's timeline; null for an event that is not the inventory's.
 */
export function describeInventoryEvent(event: StreamEvent): string | null {
	return event.kind.startsWith('inventory.') ? describe(event) : null;
}
