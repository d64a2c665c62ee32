import { m } from '$lib/paraglide/messages';
import type { ItemKind, ItemStatus } from './model';

/** The word a person reads for a status, in their language. */
export function statusLabel(status: ItemStatus): string {
	return {
		up: m.inventory_status_up(),
		degraded: m.inventory_status_degraded(),
		down: m.inventory_status_down(),
		rebuilding: m.inventory_status_rebuilding(),
		unknown: m.inventory_status_unknown()
	}[status];
}

/** The icon that goes with the word (never colour alone). */
export const STATUS_ICONS: Record<ItemStatus, string> = {
	up: '▲',
	degraded: '◆',
	down: '▼',
	rebuilding: '◐',
	unknown: '?'
};

export function kindLabel(kind: ItemKind): string {
	return kind === 'server' ? m.inventory_kind_server() : m.inventory_kind_service();
}
