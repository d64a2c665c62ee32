import type { ItemStatus } from '$lib/inventory/model';
import type { StreamEvent } from '$lib/realtime/protocol';

export interface RoomServer {
	id: string;
	organizationId: string;
	hostname: string;
	kind: string;
	role: string;
	status: ItemStatus;
	criticality: string;
	version: number;
	statusChangedAt: Date | string | null;
}

/** A status change of a linked server, as the room applies it live. */
export function applyToServers<T extends RoomServer>(servers: T[], event: StreamEvent): T[] {
	if (event.kind !== 'inventory.status_changed') return servers;
	const { itemId, to } = event.payload as { itemId?: string; to?: ItemStatus };
	// Each status change bumps the item's version by one: the next change from here stays valid.
	return servers.map((s) =>
		s.id === itemId && to
			? { ...s, status: to, version: s.version + 1, statusChangedAt: event.occurredAt }
			: s
	);
}
