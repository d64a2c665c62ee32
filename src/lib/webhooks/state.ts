import { m } from '$lib/paraglide/messages';
import type { DeliveryStatus } from '$lib/webhooks/groups';

/** How an endpoint stands, in one word beside its colour. */
export type EndpointState = 'ok' | 'failing' | 'off';

export function endpointState(endpoint: {
	enabled: boolean;
	failingSince: Date | null;
}): EndpointState {
	if (!endpoint.enabled) return 'off';
	return endpoint.failingSince ? 'failing' : 'ok';
}

export const ENDPOINT_STATE_LABELS = {
	ok: () => `● ${m.hook_state_ok()}`,
	failing: () => `▲ ${m.hook_state_failing()}`,
	off: () => `○ ${m.hook_state_off()}`
} satisfies Record<EndpointState, () => string>;

export const DELIVERY_STATUS_LABELS = {
	pending: () => `… ${m.hook_status_pending()}`,
	delivered: () => `✓ ${m.hook_status_delivered()}`,
	retrying: () => `↻ ${m.hook_status_retrying()}`,
	failed: () => `✕ ${m.hook_status_failed()}`,
	refused: () => `⊘ ${m.hook_status_refused()}`
} satisfies Record<DeliveryStatus, () => string>;
