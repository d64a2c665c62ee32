import { untrack } from 'svelte';
import type { LiveConnection, LiveRoom } from './client.svelte';
import type { RoomRef, StreamEvent } from './protocol';

/**
 * Follows a stream for as long as the calling component lives (call it in its script). The
 * room is joined once per `ref`: pass one built from primitives ($derived ids), so a reload of
 * the page's data with the same incident or organization neither leaves nor rejoins it. Events
 * after `since` (read once, when joining) are handed to `onEvent`; `onJoin` receives the room
 * (its presence, its last sequence number).
 */
export function followRoom(
	live: () => LiveConnection | null,
	ref: () => RoomRef,
	since: () => number,
	onEvent: (event: StreamEvent) => void,
	onJoin?: (room: LiveRoom) => void
): void {
	$effect(() => {
		const connection = live();
		const target = ref();
		if (!connection) return;
		const room = connection.follow(target, untrack(since), onEvent);
		onJoin?.(room);
		return () => connection.unfollow(room);
	});
}
