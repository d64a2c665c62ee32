import type { StreamEvent } from '$lib/events/payloads';
import { db, type Sql, type Tx } from '../db/db';
import { appendEvent } from '../events/append';
import { log } from '../log';
import { mailWebhookDisabled, membersAtLeast } from '../mail/compose';
import { recordWebhookAttempt } from '../metrics/registry';
import { addJob } from '../queue/queue';
import { publish } from '../realtime/publish';
import { postJson, type PostResult } from './post';
import { retryDelay, webhookSettings, type WebhookSettings } from './settings';
import { signatureHeaders } from './signing';

interface DeliveryRow {
	id: string;
	message_id: string;
	body: string;
	status: string;
	attempts: number;
	created_at: Date;
	endpoint_id: string;
	organization_id: string;
	name: string;
	url: string;
	flavour: 'standard' | 'chat';
	secret: string;
	previous_secret: string | null;
	previous_secret_until: Date | null;
	enabled: boolean;
	failing_since: Date | null;
}

/**
 * The queue's delivery task: one attempt, logged on the delivery's row. A 2xx is delivered; a
 * refused target (the SSRF guard) is final; anything else is retried with backoff for a day.
 */
export async function deliverJob(deliveryId: string, sql: Sql = db()): Promise<void> {
	const [row] = await sql<DeliveryRow[]>`
		select d.id, d.message_id, d.body, d.status, d.attempts, d.created_at, d.endpoint_id,
			w.organization_id, w.name, w.url, w.flavour, w.secret, w.previous_secret,
			w.previous_secret_until, w.enabled, w.failing_since
		from webhook_deliveries d join webhook_endpoints w on w.id = d.endpoint_id
		where d.id = ${deliveryId}`;
	if (!row || row.status === 'delivered') return;
	if (!row.enabled) {
		await sql`update webhook_deliveries set status = 'failed', next_attempt_at = null,
			error = 'The endpoint is disabled.' where id = ${deliveryId}`;
		return;
	}
	const settings = webhookSettings();
	const headers =
		row.flavour === 'standard' ? signatureHeaders(secretsOf(row), row.message_id, row.body) : {};
	const result = await postJson(row.url, row.body, headers, settings);
	const ok = result.status !== null && result.status >= 200 && result.status < 300 && !result.error;
	recordWebhookAttempt(ok);
	if (ok) return delivered(sql, row, result);
	return failed(sql, row, result, settings);
}

function secretsOf(row: DeliveryRow): string[] {
	const overlapping =
		row.previous_secret &&
		row.previous_secret_until &&
		row.previous_secret_until.getTime() > Date.now();
	return overlapping && row.previous_secret ? [row.secret, row.previous_secret] : [row.secret];
}

async function delivered(sql: Sql, row: DeliveryRow, result: PostResult) {
	await sql.begin(async (tx) => {
		await tx`
			update webhook_deliveries set status = 'delivered', attempts = attempts + 1,
				response_status = ${result.status}, duration_ms = ${result.durationMs},
				response_excerpt = ${result.excerpt}, error = null, next_attempt_at = null,
				last_attempt_at = now(), delivered_at = now()
			where id = ${row.id}`;
		await tx`update webhook_endpoints set failing_since = null where id = ${row.endpoint_id}`;
	});
}

async function failed(sql: Sql, row: DeliveryRow, result: PostResult, settings: WebhookSettings) {
	const attempts = row.attempts + 1;
	const error = result.error ?? `The receiver answered ${result.status}.`;
	const delay = retryDelay(attempts, settings);
	const final =
		result.refused || Date.now() + delay - row.created_at.getTime() > settings.giveUpAfterMs;
	const next = final ? null : new Date(Date.now() + delay);
	const status = result.refused ? 'refused' : final ? 'failed' : 'retrying';
	log.warn(
		{ deliveryId: row.id, endpoint: row.name, attempts, error, next },
		'webhook delivery failed'
	);
	const events = await sql.begin(async (tx) => {
		await tx`
			update webhook_deliveries set status = ${status}, attempts = ${attempts},
				response_status = ${result.status}, duration_ms = ${result.durationMs},
				response_excerpt = ${result.excerpt}, error = ${error.slice(0, 500)},
				next_attempt_at = ${next}, last_attempt_at = now()
			where id = ${row.id}`;
		const [endpoint] = await tx<{ failing_since: Date }[]>`
			update webhook_endpoints set failing_since = coalesce(failing_since, ${row.created_at})
			where id = ${row.endpoint_id} returning failing_since`;
		if (next) await addJob(tx, 'webhook_deliver', { deliveryId: row.id }, next, row.id);
		const failingFor = Date.now() - (endpoint?.failing_since.getTime() ?? Date.now());
		// Failing since the oldest message it never took: a day of failures, or a last attempt
		// given up on that would have made it one (its only message stops being retried).
		const dayOfFailures =
			failingFor >= settings.giveUpAfterMs ||
			(final && !result.refused && failingFor + delay >= settings.giveUpAfterMs);
		return dayOfFailures ? await disable(tx, row, error) : [];
	});
	publish(events);
}

/** A day of failures: the endpoint stops, its admins are told on its stream and by mail. */
async function disable(tx: Tx, row: DeliveryRow, error: string): Promise<StreamEvent[]> {
	const [off] = await tx<{ id: string }[]>`
		update webhook_endpoints set enabled = false, disabled_at = now(),
			disabled_reason = ${`Failing for a day: ${error}`.slice(0, 500)}, version = version + 1
		where id = ${row.endpoint_id} and enabled returning id`;
	if (!off) return [];
	await tx`update webhook_deliveries set status = 'failed', next_attempt_at = null
		where endpoint_id = ${row.endpoint_id} and status in ('pending', 'retrying')`;
	for (const to of await membersAtLeast(tx, row.organization_id, ['owner', 'admin'])) {
		await mailWebhookDisabled(tx, to, {
			organizationId: row.organization_id,
			endpointId: row.endpoint_id,
			name: row.name,
			error
		});
	}
	const event = await appendEvent(tx, null, {
		streamId: row.organization_id,
		kind: 'webhook.disabled',
		source: 'automatic',
		payload: { endpointId: row.endpoint_id, name: row.name, reason: error.slice(0, 200) }
	});
	return [event];
}
