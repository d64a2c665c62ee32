import { z } from 'zod';
import { m } from '$lib/paraglide/messages';

/**
 * The three formats monitoring sends, as documented by their authors: Prometheus
 * Alertmanager's webhook (payload version "4"), Grafana's alerting webhook (the same envelope
 * with a few fields more) and PagerDuty's Events API v2. Unknown fields are ignored, as every
 * receiver of these webhooks must (both add fields over releases).
 */

const text = (max: number) => z.string().max(max, { error: () => m.val_at_most_chars({ max }) });
const labels = z.record(text(256), text(4096), { error: () => m.val_expected_string_object() });

/** RFC 3339 as Go writes it (up to nanoseconds); Alertmanager's zero time means "not ended". */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
export const GO_ZERO_TIME = '0001-01-01T00:00:00Z';
const instant = z
	.string({ error: () => m.val_expected_rfc3339() })
	.regex(RFC3339, { error: () => m.val_expected_rfc3339() });

const webhookAlert = z.object({
	status: z.enum(['firing', 'resolved'], { error: () => m.val_expected_firing_resolved() }),
	labels,
	annotations: labels.default({}),
	startsAt: instant.optional(),
	endsAt: instant.optional(),
	generatorURL: text(2048).optional(),
	fingerprint: text(128).optional()
});

const envelope = {
	receiver: text(256).optional(),
	status: z.enum(['firing', 'resolved'], { error: () => m.val_expected_firing_resolved() }),
	groupKey: text(2048).min(1, { error: () => m.val_group_key_empty() }),
	truncatedAlerts: z.number().int().min(0).max(1_000_000).default(0),
	groupLabels: labels.default({}),
	commonLabels: labels.default({}),
	commonAnnotations: labels.default({}),
	externalURL: text(2048).optional()
};

export const MAX_ALERTS_PER_PAYLOAD = 1000;
const alertList = <T extends z.ZodType>(alert: T) =>
	z.array(alert, { error: () => m.val_expected_alert_list() }).max(MAX_ALERTS_PER_PAYLOAD, {
		error: () => m.val_alerts_max({ max: MAX_ALERTS_PER_PAYLOAD })
	});

export const alertmanagerPayload = z.object({
	version: z.literal('4', { error: () => m.val_webhook_version() }),
	...envelope,
	alerts: alertList(webhookAlert)
});
export type AlertmanagerPayload = z.infer<typeof alertmanagerPayload>;

export const grafanaPayload = z.object({
	version: text(16).optional(),
	...envelope,
	orgId: z.number().int().optional(),
	title: text(1024).optional(),
	state: text(32).optional(),
	message: text(65_536).optional(),
	alerts: alertList(
		webhookAlert.extend({
			values: z.record(z.string(), z.number().nullable()).nullable().optional(),
			silenceURL: text(2048).optional(),
			dashboardURL: text(2048).optional(),
			panelURL: text(2048).optional(),
			imageURL: text(2048).optional()
		})
	)
});
export type GrafanaPayload = z.infer<typeof grafanaPayload>;

export const PAGERDUTY_SEVERITIES = ['critical', 'error', 'warning', 'info'] as const;

export const pagerdutyEvent = z
	.object({
		routing_key: text(255).min(1, { error: () => m.val_routing_key_empty() }),
		event_action: z.enum(['trigger', 'acknowledge', 'resolve'], {
			error: () => m.val_event_action()
		}),
		dedup_key: text(255)
			.min(1, { error: () => m.val_dedup_key_empty() })
			.optional(),
		payload: z
			.object({
				summary: text(1024).min(1, { error: () => m.val_summary_required() }),
				source: text(1024).min(1, { error: () => m.val_source_required() }),
				severity: z.enum(PAGERDUTY_SEVERITIES, {
					error: () => m.val_pd_severity()
				}),
				timestamp: z
					.string()
					.refine((v) => !Number.isNaN(Date.parse(v)) || RFC3339.test(v), {
						error: () => m.val_expected_iso8601()
					})
					.optional(),
				component: text(1024).optional(),
				group: text(1024).optional(),
				class: text(1024).optional(),
				custom_details: z.unknown().optional()
			})
			.optional(),
		client: text(1024).optional(),
		client_url: text(2048).optional(),
		links: z
			.array(z.object({ href: text(2048), text: text(1024).optional() }))
			.max(50)
			.default([]),
		images: z
			.array(z.object({ src: text(2048), href: text(2048).optional(), alt: text(1024).optional() }))
			.max(50)
			.default([])
	})
	.superRefine((event, ctx) => {
		if (event.event_action === 'trigger' && !event.payload) {
			ctx.addIssue({ code: 'custom', path: ['payload'], message: m.val_trigger_payload() });
		}
		if (event.event_action !== 'trigger' && !event.dedup_key) {
			ctx.addIssue({
				code: 'custom',
				path: ['dedup_key'],
				message: m.val_dedup_key_needed({ action: event.event_action })
			});
		}
	});
export type PagerdutyEvent = z.infer<typeof pagerdutyEvent>;
