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
	const registers = [registry];
	const counter = <L extends string = string>(name: string, help: string, labelNames: L[] = []) =>
		new client.Counter<L>({ name, help, labelNames, registers });
	const gauge = <L extends string = string>(name: string, help: string, labelNames: L[] = []) =>
		new client.Gauge<L>({ name, help, labelNames, registers });
	const histogram = <L extends string = string>(
		name: string,
		help: string,
		buckets: number[],
		labelNames: L[] = []
	) => new client.Histogram<L>({ name, help, buckets, labelNames, registers });
	const durations = [60, 300, 900, 1800, 3600, 7200, 14_400, 28_800, 57_600, 86_400];
	return {
		registry,
		incidents: gauge(
			'nightshift_incidents',
			'Incidents by status and severity (drills excluded).',
			['status', 'severity']
		),
		timeToAcknowledge: histogram(
			'nightshift_time_to_acknowledge_seconds',
			'From detection to declaration, per real incident of the last 90 days (drills excluded).',
			durations
		),
		timeToRecover: histogram(
			'nightshift_time_to_recover_seconds',
			'From detection to resolution, per resolved real incident of the last 90 days (drills excluded).',
			durations
		),
		alertsReceived: counter(
			'nightshift_alerts_received_total',
			'Alerts received from monitoring integrations.'
		),
		alertsDeduplicated: counter(
			'nightshift_alerts_deduplicated_total',
			'Alerts folded into an alert already known (same fingerprint).'
		),
		commandDuration: histogram(
			'nightshift_command_duration_seconds',
			'Writes (form actions and API calls), by command.',
			[0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
			['command']
		),
		commandErrors: counter(
			'nightshift_command_errors_total',
			'Writes answered with an error, by command and status class (4xx, 5xx).',
			['command', 'class']
		),
		publishLag: histogram(
			'nightshift_publish_lag_seconds',
			'From an event being recorded to its publish to the live room.',
			[0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 5]
		),
		sockets: gauge('nightshift_sockets', 'Live sockets connected to this node.'),
		rooms: gauge(
			'nightshift_rooms',
			'Live rooms (incident and organization streams) with a socket on this node.'
		),
		resyncs: counter(
			'nightshift_resyncs_total',
			'Catch-up reads of a stream after a gap or a reconnection.'
		),
		outboxRefusals: counter(
			'nightshift_outbox_refusals_total',
			'Queued (offline) changes refused as conflicting when they arrived.'
		),
		queueDepth: gauge(
			'nightshift_queue_jobs',
			'Jobs waiting in the durable queue (webhooks, mail), due or scheduled.'
		),
		webhookAttempts: counter(
			'nightshift_webhook_attempts_total',
			'Webhook delivery attempts, by outcome.',
			['outcome']
		)
	};
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
