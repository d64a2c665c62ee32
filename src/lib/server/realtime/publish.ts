import type { StreamEvent } from '$lib/realtime/protocol';
import { log } from '../log';

type Publisher = (event: StreamEvent) => void;

let publisher: Publisher | null = null;

/** Installed by the realtime server (or a test); scripts run without one. */
export function setPublisher(next: Publisher | null) {
	publisher = next;
}

/** Sends committed events to their rooms. Never throws: the write has already happened. */
export function publish(events: StreamEvent[]) {
	if (!publisher) return;
	for (const event of events) {
		try {
			publisher(event);
		} catch (error) {
			// A lost publish shows up as a gap at the next heartbeat, and clients resync.
			log.warn({ err: error, streamId: event.streamId, seq: event.seq }, 'publish failed');
		}
	}
}
