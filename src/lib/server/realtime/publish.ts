import { metrics } from '../metrics/registry';
import type { StreamEvent } from '$lib/realtime/protocol';
import { log } from '../log';
import { processGlobal } from '../process-global';

type Publisher = (event: StreamEvent) => void;

const publisher = processGlobal<Publisher | null>('publisher', null);

/** Installed by the realtime server (or a test); scripts run without one. */
export function setPublisher(next: Publisher | null) {
	publisher.value = next;
}

/** Sends committed events to their rooms. Never throws: the write has already happened. */
export function publish(events: StreamEvent[]) {
	const send = publisher.value;
	if (!send) return;
	for (const event of events) {
		try {
			send(event);
			metrics().publishLag.observe(Math.max(0, Date.now() - Date.parse(event.recordedAt)) / 1000);
		} catch (error) {
			// A lost publish shows up as a gap at the next heartbeat, and clients resync.
			log.warn({ err: error, streamId: event.streamId, seq: event.seq }, 'publish failed');
		}
	}
}
