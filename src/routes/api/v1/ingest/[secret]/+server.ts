import { bearerOf } from '$lib/server/access/request-guards';
import { receiveAlerts } from '$lib/server/alerts/receive';
import { answer, endpoint, readJsonObject } from '$lib/server/http';
import type { RequestHandler } from './$types';

/**
 * An integration's ingestion URL: Alertmanager's or Grafana's webhook, or a PagerDuty Events
 * API v2 event, as the integration's kind says. PagerDuty senders get PagerDuty's answer.
 */
export const POST: RequestHandler = endpoint(async ({ params, request, getClientAddress }) => {
	const { kind, result } = await receiveAlerts(
		params.secret,
		bearerOf(request),
		getClientAddress(),
		() => readJsonObject(request)
	);
	if (kind === 'pagerduty') {
		const pagerDuty = { status: 'success', message: 'Event processed', dedup_key: result.groupKey };
		return answer({ ...result, ...pagerDuty, groupStatus: result.status }, 202);
	}
	return answer(result, 202);
});
