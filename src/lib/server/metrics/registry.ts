import client from 'prom-client';
import { db } from '../db/db';
import { processGlobal } from '../process-global';

/**
 * The Prometheus series (`/metrics`). Counters and histograms of this process are observed
 * where things happen; gauges of shared state (incidents, queue) are read from PostgreSQL at
 * scrape time, so every node reports the same truth. Kept in one registry per process.
 */
function build() {
	const registry = new client.Registry();
	client.collectDefaultMetrics({ register: registry, prefix: 'nightshift_node_' });
	const buckets = [60, 300, 900, 1800, 3600, 7200, 14_400, 28_800, 57_600, 86_400];
	const metrics = {
		registry,
		incidents: new client.Gauge({
			name: 'nightshift_incidents',
			help: 'Incidents by status and severity (drills excluded).',
			labelNames: ['status', 'severity'] as const,
			registers: [registry]
		}),
		timeToAcknowledge: new client.Histogram({
			name: 'nightshift_time_to_acknowledge_seconds',
			help: 'From detection to declaration, per real incident of the last 90 days (drills excluded).',
			buckets,
			registers: [registry]
		}),
		timeToRecover: new client.Histogram({
			name: 'nightshift_time_to_recover_seconds',
			help: 'From detection to resolution, per resolved real incident of the last 90 days (drills excluded).',
			buckets,
			registers: [registry]
		}),
		alertsReceived: new client.Counter({
			name: 'nightshift_alerts_received_total',
			help: 'Alerts received from monitoring integrations.',
			registers: [registry]
		}),
		alertsDeduplicated: new client.Counter({
			name: 'nightshift_alerts_deduplicated_total',
			help: 'Alerts folded into an alert already known (same fingerprint).',
			registers: [registry]
		}),
		commandDuration: new client.Histogram({
			name: 'nightshift_command_duration_seconds',
			help: 'Writes (form actions and API calls), by command.',
			labelNames: ['command'] as const,
			buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
			registers: [registry]
		}),
		commandErrors: new client.Counter({
			name: 'nightshift_command_errors_total',
			help: 'Writes answered with an error, by command and status class (4xx, 5xx).',
			labelNames: ['command', 'class'] as const,
			registers: [registry]
		}),
		publishLag: new client.Histogram({
			name: 'nightshift_publish_lag_seconds',
			help: 'From an event being recorded to its publish to the live room.',
			buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 5],
			registers: [registry]
		}),
		sockets: new client.Gauge({
			name: 'nightshift_sockets',
			help: 'Live sockets connected to this node.',
			registers: [registry]
		}),
		rooms: new client.Gauge({
			name: 'nightshift_rooms',
			help: 'Live rooms (incident and organization streams) with a socket on this node.',
			registers: [registry]
		}),
		resyncs: new client.Counter({
			name: 'nightshift_resyncs_total',
			help: 'Catch-up reads of a stream after a gap or a reconnection.',
			registers: [registry]
		}),
		outboxRefusals: new client.Counter({
			name: 'nightshift_outbox_refusals_total',
			help: 'Queued (offline) changes refused as conflicting when they arrived.',
			registers: [registry]
		}),
		queueDepth: new client.Gauge({
			name: 'nightshift_queue_jobs',
			help: 'Jobs waiting in the durable queue (webhooks, mail), due or scheduled.',
			registers: [registry]
		}),
		webhookAttempts: new client.Counter({
			name: 'nightshift_webhook_attempts_total',
			help: 'Webhook delivery attempts, by outcome.',
			labelNames: ['outcome'] as const,
			registers: [registry]
		})
	};
	return metrics;
}

const instance = processGlobal<ReturnType<typeof build> | null>('metrics', null);

export function metrics() {
	instance.value ??= build();
	return instance.value;
}

type RealtimeCounts = () => { sockets: number; rooms: number };
const realtimeCounts = processGlobal<RealtimeCounts | null>('metrics-realtime', null);

/** Installed by boot once socket.io is attached. */
export function setRealtimeCounts(counts: RealtimeCounts | null) {
	realtimeCounts.value = counts;
}

/** A write (form action or API call) answered: its latency, and its error class if any. */
export function recordCommand(command: string, seconds: number, status: number) {
	const m = metrics();
	m.commandDuration.observe({ command }, seconds);
	if (status >= 400) m.commandErrors.inc({ command, class: status >= 500 ? '5xx' : '4xx' });
}

export function recordWebhookAttempt(ok: boolean) {
	metrics().webhookAttempts.inc({ outcome: ok ? 'delivered' : 'failed' });
}

/** Reads the shared gauges, then renders the text exposition. */
export async function renderMetrics(): Promise<{ body: string; contentType: string }> {
	const m = metrics();
	const sql = db();
	const incidents = await sql<{ status: string; severity: string; n: number }[]>`
		select status, severity, count(*)::int as n from incidents where mode = 'real'
		group by status, severity`;
	m.incidents.reset();
	for (const row of incidents)
		m.incidents.set({ status: row.status, severity: row.severity }, row.n);
	const durations = await sql<{ ack: number; recover: number | null }[]>`
		select extract(epoch from declared_at - detected_at)::float8 as ack,
			extract(epoch from resolved_at - detected_at)::float8 as recover
		from incidents where mode = 'real' and detected_at > now() - interval '90 days'`;
	m.timeToAcknowledge.reset();
	m.timeToRecover.reset();
	for (const row of durations) {
		m.timeToAcknowledge.observe(Math.max(0, row.ack));
		if (row.recover !== null) m.timeToRecover.observe(Math.max(0, row.recover));
	}
	// The queue's schema is graphile-worker's; before its first start there is none.
	const queue = await sql<{ n: number }[]>`
		select count(*)::int as n from graphile_worker.jobs where locked_at is null`.catch(() => []);
	m.queueDepth.set(queue[0]?.n ?? 0);
	const counts = realtimeCounts.value?.() ?? { sockets: 0, rooms: 0 };
	m.sockets.set(counts.sockets);
	m.rooms.set(counts.rooms);
	return { body: await m.registry.metrics(), contentType: m.registry.contentType };
}
