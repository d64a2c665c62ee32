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
	const { itemId, to, version } = event.payload;
	return servers.map((s) =>
		s.id === itemId ? { ...s, status: to, version, statusChangedAt: event.occurredAt } : s
	);
}
