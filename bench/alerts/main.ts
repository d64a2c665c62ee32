/**
 * npm run bench:alerts [-- --seconds 20 --concurrency 8 --batch 50 --groups 200]: the
 * production build on a real PostgreSQL; C senders post Alertmanager v4 payloads of B alerts
 * (members of G groups, firing or resolved at random, so most are repeats) to one
 * integration's ingestion URL for S seconds. Prints alerts/s, requests/s and p50/p99 per
 * request, then checks dedup was exact (one row per group and per fingerprint, and a final
 * "all resolved" round leaves nothing firing). Writes bench/results/alerts-<time>.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { createIntegration } from '../../src/lib/server/alerts/integrations';
import { connect, disconnect } from '../../src/lib/server/db/db';
import { createOrganization } from '../../src/lib/server/organizations/commands';
import { signUp } from '../../src/lib/server/users/sign-up';
import { createDatabase } from '../realtime/database';
import { snapshotBuild, startNightshift } from '../realtime/processes';
import { summarize } from '../realtime/stats';

const root = path.resolve(import.meta.dirname, '..', '..');

const { values } = parseArgs({
	options: {
		seconds: { type: 'string', default: '20' },
		concurrency: { type: 'string', default: '8' },
		batch: { type: 'string', default: '50' },
		groups: { type: 'string', default: '200' }
	}
});
const SECONDS = Number(values.seconds);
const CONCURRENCY = Number(values.concurrency);
const BATCH = Number(values.batch);
const GROUPS = Number(values.groups);
const MEMBERS_PER_GROUP = BATCH;

function payload(group: number, status: 'firing' | 'resolved' | 'random') {
	const alerts = Array.from({ length: MEMBERS_PER_GROUP }, (_, i) => {
		const s = status === 'random' ? (Math.random() < 0.7 ? 'firing' : 'resolved') : status;
		return {
			status: s,
			labels: {
				alertname: `Load${group}`,
				instance: `bench-${group}-${i}:9100`,
				severity: 'warning'
			},
			annotations: { summary: `Load test alert ${group}/${i}` },
			startsAt: '2026-01-01T00:00:00Z',
			endsAt: s === 'resolved' ? '2026-01-01T00:05:00Z' : '0001-01-01T00:00:00Z',
			generatorURL: 'http://prometheus.example.org/graph',
			fingerprint: `g${group}m${i}`
		};
	});
	const firing = alerts.some((a) => a.status === 'firing');
	return {
		version: '4',
		groupKey: `{}:{alertname="Load${group}"}`,
		truncatedAlerts: 0,
		status: firing ? 'firing' : 'resolved',
		receiver: 'nightshift',
		groupLabels: { alertname: `Load${group}` },
		commonLabels: { alertname: `Load${group}` },
		commonAnnotations: {},
		externalURL: 'http://alertmanager.example.org',
		alerts
	};
}

async function send(url: string, body: unknown): Promise<number> {
	const started = performance.now();
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body)
	});
	await response.arrayBuffer();
	if (response.status !== 202) throw new Error(`ingestion answered ${response.status}`);
	return performance.now() - started;
}

async function main() {
	const adminUrl =
		process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
	if (!adminUrl)
		throw new Error('Set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL server.');
	process.env.ALERT_RATE_LIMIT = '100000000';
	const stamp = new Date().toISOString().replace(/[:.]/g, '-');
	const resultsDir = path.join(root, 'bench', 'results');
	await mkdir(resultsDir, { recursive: true });
	const snapshot = await snapshotBuild(root);
	const database = await createDatabase(adminUrl);
	const server = await startNightshift({
		appDir: snapshot.dir,
		databaseUrl: database.url,
		logFile: path.join(resultsDir, `alerts-${stamp}.log`)
	});
	try {
		connect(database.url, { max: 2 });
		const { userId } = await signUp({
			email: 'bench@example.test',
			displayName: 'Bench',
			password: 'correct horse battery',
			timezone: 'UTC'
		});
		const actor = { userId, name: 'Bench' };
		const { result: org } = await createOrganization(actor, { name: 'Bench', kind: 'merchant' });
		const integration = await createIntegration({ actor }, org.organizationId, {
			kind: 'alertmanager',
			name: 'Load',
			action: 'list'
		});
		const url = `${server.url}${integration.path}`;
		const latencies: number[] = [];
		let alerts = 0;
		const deadline = performance.now() + SECONDS * 1000;
		const started = performance.now();
		await Promise.all(
			Array.from({ length: CONCURRENCY }, async () => {
				while (performance.now() < deadline) {
					const group = Math.floor(Math.random() * GROUPS);
					latencies.push(await send(url, payload(group, 'random')));
					alerts += BATCH;
				}
			})
		);
		const elapsed = (performance.now() - started) / 1000;
		for (let group = 0; group < GROUPS; group += 1) await send(url, payload(group, 'resolved'));
		const check = postgres(database.url, { max: 1, onnotice: () => {} });
		const [row] = await check<{ groups: number; members: number; firing: number; dupes: number }[]>`
			select (select count(*)::int from alert_groups) as groups,
				(select count(*)::int from alerts) as members,
				(select count(*)::int from alerts where status <> 'resolved') as firing,
				(select count(*)::int from (select fingerprint from alerts group by fingerprint having count(*) > 1) d) as dupes`;
		await check.end();
		const summary = summarize([Float64Array.from(latencies)]);
		const result = {
			machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? 'unknown' },
			settings: { seconds: SECONDS, concurrency: CONCURRENCY, batch: BATCH, groups: GROUPS },
			requests: latencies.length,
			alerts,
			alertsPerSecond: Math.round(alerts / elapsed),
			requestsPerSecond: Math.round(latencies.length / elapsed),
			latencyMs: {
				p50: round(summary.p50),
				p95: round(summary.p95),
				p99: round(summary.p99),
				max: round(summary.max)
			},
			dedup: {
				groups: row?.groups,
				expectedGroupsAtMost: GROUPS,
				members: row?.members,
				duplicateFingerprints: row?.dupes,
				firingAfterResolve: row?.firing,
				exact: row?.dupes === 0 && row?.firing === 0 && (row?.groups ?? 0) <= GROUPS
			}
		};
		console.log(JSON.stringify(result, null, 2));
		await writeFile(
			path.join(resultsDir, `alerts-${stamp}.json`),
			JSON.stringify(result, null, '\t')
		);
		if (!result.dedup.exact) process.exitCode = 1;
	} finally {
		await disconnect();
		await server.kill();
		await database.drop();
		await snapshot.remove();
	}
}

const round = (ms: number) => Math.round(ms * 10) / 10;

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
