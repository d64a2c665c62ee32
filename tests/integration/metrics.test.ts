import { afterEach, describe, expect, it } from 'vitest';
import { declareIncident } from '../../src/lib/server/incidents/commands';
import { addNote } from '../../src/lib/server/timeline/commands';
import { call } from './harness/dispatch';
import { newOrganization, newUser, useTestDatabase } from './setup';

useTestDatabase();

const TOKEN = 'a-long-enough-metrics-token';
const scrape = (authorization?: string) =>
	call(
		{ kind: 'endpoint', key: 'GET /metrics', routeId: '/metrics', method: 'GET' },
		{ params: {}, headers: authorization ? { authorization } : {} }
	);
const env = { ...process.env };
afterEach(() => {
	process.env = { ...env };
});

interface Sample {
	name: string;
	labels: Record<string, string>;
	value: number;
}

/**
 * A strict reader of the Prometheus text exposition format (0.0.4): # HELP / # TYPE lines,
 * then `name{label="value",…} number` samples (Go's float syntax: NaN and Inf in any case, as
 * Prometheus reads them); anything else is an error.
 */
function parseExposition(text: string) {
	const types = new Map<string, string>();
	const samples: Sample[] = [];
	const lines = text.split('\n');
	expect(lines.at(-1)).toBe('');
	for (const line of lines.slice(0, -1)) {
		if (line === '') continue; // the format ignores empty lines
		const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
		if (meta) {
			if (meta[1] === 'TYPE') {
				expect(['counter', 'gauge', 'histogram', 'summary', 'untyped']).toContain(meta[3]);
				types.set(meta[2] ?? '', meta[3] ?? '');
			}
			continue;
		}
		const sample =
			/^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*",?)*)\})? ([+-]?(?:[0-9.eE+-]+|[iI]nf|[nN]a[nN]))(?: -?\d+)?$/.exec(
				line
			);
		if (!sample) throw new Error(`not Prometheus text exposition: ${line}`);
		const labels = Object.fromEntries(
			[...(sample[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((l) => [
				l[1],
				l[2]
			])
		);
		samples.push({ name: sample[1] ?? '', labels, value: Number(sample[3]) });
	}
	return { types, samples };
}

describe('/metrics', () => {
	it('refuses an unauthenticated scrape when a token is set, and a wrong token', async () => {
		process.env.METRICS_TOKEN = TOKEN;
		expect((await scrape()).status).toBe(401);
		expect((await scrape('Bearer not-the-token-at-all')).status).toBe(401);
	});

	it('is not exposed on the app’s port without a token', async () => {
		delete process.env.METRICS_TOKEN;
		expect((await scrape()).status).toBe(404);
	});

	it('serves valid text exposition with the declared series', async () => {
		process.env.METRICS_TOKEN = TOKEN;
		const owner = await newUser('Scraped');
		const organizationId = await newOrganization(owner);
		const { incidentId } = (
			await declareIncident({ actor: owner }, organizationId, {
				title: 'Counted',
				severity: 'SEV2'
			})
		).result;
		await addNote({ actor: owner }, incidentId, { text: 'A note' });
		const answer = await scrape(`Bearer ${TOKEN}`);
		expect(answer.status).toBe(200);
		const { types, samples } = parseExposition(answer.body);
		const declared: [string, string][] = [
			['nightshift_incidents', 'gauge'],
			['nightshift_time_to_acknowledge_seconds', 'histogram'],
			['nightshift_time_to_recover_seconds', 'histogram'],
			['nightshift_alerts_received_total', 'counter'],
			['nightshift_alerts_deduplicated_total', 'counter'],
			['nightshift_command_duration_seconds', 'histogram'],
			['nightshift_command_errors_total', 'counter'],
			['nightshift_publish_lag_seconds', 'histogram'],
			['nightshift_sockets', 'gauge'],
			['nightshift_rooms', 'gauge'],
			['nightshift_resyncs_total', 'counter'],
			['nightshift_outbox_refusals_total', 'counter'],
			['nightshift_queue_jobs', 'gauge'],
			['nightshift_webhook_attempts_total', 'counter'],
			['nightshift_node_process_cpu_user_seconds_total', 'counter']
		];
		for (const [name, type] of declared) {
			expect(types.get(name), name).toBe(type);
		}
		const open = samples.find(
			(s) =>
				s.name === 'nightshift_incidents' &&
				s.labels.severity === 'SEV2' &&
				s.labels.status === 'investigating'
		);
		expect(open?.value).toBeGreaterThanOrEqual(1);
		const buckets = samples.filter(
			(s) => s.name === 'nightshift_time_to_acknowledge_seconds_bucket'
		);
		expect(buckets.at(-1)?.labels.le).toBe('+Inf');
	});
});
