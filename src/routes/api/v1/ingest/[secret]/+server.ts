import { json } from '@sveltejs/kit';
import { bearerOf } from '$lib/server/access/request-guards';
import { receiveAlerts } from '$lib/server/alerts/receive';
import { jsonFailure, readJsonObject } from '$lib/server/http';
import type { RequestHandler } from './$types';

/**
 * An integration's ingestion URL: Alertmanager's or Grafana's webhook, or a PagerDuty Events
 * API v2 event, as the integration's kind says. PagerDuty senders get PagerDuty's answer.
 */
export const POST: RequestHandler = async ({ params, request, getClientAddress }) => {
	try {
		const { kind, result } = await receiveAlerts(
			params.secret,
			bearerOf(request),
			getClientAddress(),
			() => readJsonObject(request)
		);
		if (kind === 'pagerduty') {
			const answer = { status: 'success', message: 'Event processed', dedup_key: result.groupKey };
			return json({ ...result, ...answer, groupStatus: result.status }, { status: 202 });
		}
		return json(result, { status: 202 });
	} catch (error) {
		return jsonFailure(error);
	}
};
