import { untrack } from 'svelte';
import { invalidateAll } from '$app/navigation';
import type { LiveConnection } from '$lib/realtime/client.svelte';

/**
 * Keeps an inventory page current: when anyone changes the organization's inventory, the page
 * reloads its data (the server stays the only source of state). Followed once per
 * organization, from the sequence number the page was loaded at.
 */
export function followInventory(
	live: () => LiveConnection | null,
	organizationId: () => string,
	lastSeq: () => number
) {
	$effect(() => {
		const connection = live();
		const id = organizationId();
		if (!connection) return;
		const since = untrack(lastSeq);
		const followed = connection.follow({ kind: 'organization', id }, since, (event) => {
			if (event.kind.startsWith('inventory.')) void invalidateAll();
		});
		return () => connection.unfollow(followed);
	});
}
