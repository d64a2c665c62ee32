import type { StreamEvent } from '../../src/lib/events/payloads';

/**
 * A hand-made event whose kind or payload the event map does not allow (an unknown kind, a
 * partial payload, a row written by an older version): what the folds must survive.
 */
export function looseEvent(event: {
	kind: string;
	payload: object;
	[field: string]: unknown;
}): StreamEvent {
	return event as unknown as StreamEvent;
}
