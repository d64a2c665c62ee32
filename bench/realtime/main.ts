/**
 * npm run bench:realtime (through bench/run-realtime.sh, which raises the open-file limit).
 * For each room size N: Nightshift's production build on a real PostgreSQL, then a bare
 * socket.io server, each with the same N clients in separate processes and the same event
 * rate; prints both side by side and writes bench/results/realtime-<time>.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { StreamEvent } from '../../src/lib/realtime/protocol';
import { readBenchConfig, type BenchConfig } from './config';
import { createDatabase, lastEvent, latestSeq, readStep, seed, type BenchData } from './database';
import { driveSteps } from './driver';
import { measure, type PhaseResult, type PhaseSettings } from './phase';
import { snapshotBuild, startBare, startNightshift } from './processes';
import { formatSize, type SizeResult } from './report';

const root = path.resolve(import.meta.dirname, '..', '..');
const resultsDir = path.join(root, 'bench', 'results');

async function main() {
	const config = readBenchConfig(process.argv.slice(2), process.env);
	const stamp = new Date().toISOString().replace(/[:.]/g, '-');
	const logDir = path.join(resultsDir, `realtime-${stamp}-logs`);
	await mkdir(logDir, { recursive: true });
	console.log(describe(config));

	const snapshot = await snapshotBuild(root);
	const database = await createDatabase(config.adminUrl);
	const results: SizeResult[] = [];
	const file = path.join(resultsDir, `realtime-${stamp}.json`);
	// Written after each size, so a failure later keeps what was measured.
	const save = () =>
		writeFile(file, JSON.stringify(summaryOf(config, results, database.name), null, '\t'));
	try {
		// The first start applies the migrations; the data goes in once the tables exist.
		const first = await startNightshift({
			appDir: snapshot.dir,
			databaseUrl: database.url,
			logFile: path.join(logDir, 'migrate.log')
		});
		await first.kill();
		const data = await seed(database.url, Math.max(...config.clients), config.distinctPeople);
		for (const clients of config.clients) {
			const settings: PhaseSettings = { ...config, clients };
			const nightshift = await measureNightshift(
				settings,
				config,
				snapshot.dir,
				database.url,
				data,
				logDir
			);
			const sample = await lastEvent(database.url, data.incidentId);
			const bare = await measureBare(settings, config, sample, logDir);
			const result = { clients, nightshift, bare };
			results.push(result);
			await save();
			console.log(`\n${formatSize(result, heading(clients, config))}`);
		}
	} finally {
		if (!config.keepDatabase) await database.drop();
		await snapshot.remove();
	}
	console.log(
		`\nResults: ${path.relative(root, file)} (server logs in ${path.relative(root, logDir)})`
	);
}

async function measureNightshift(
	settings: PhaseSettings,
	config: BenchConfig,
	appDir: string,
	databaseUrl: string,
	data: BenchData,
	logDir: string
): Promise<PhaseResult> {
	progress(`N=${settings.clients}: Nightshift`);
	const server = await startNightshift({
		appDir,
		databaseUrl,
		logFile: path.join(logDir, `nightshift-${settings.clients}.log`)
	});
	const people = config.distinctPeople ? settings.clients : 1;
	return measure(
		server,
		settings,
		{ tokens: data.clientTokens, room: { kind: 'incident', id: data.incidentId }, people },
		async () => {
			progress(`N=${settings.clients}: Nightshift connected; driving step updates`);
			const driver = await driveSteps({
				origin: server.url,
				incidentId: data.incidentId,
				stepId: data.stepId,
				token: data.driverToken,
				rate: config.rate,
				seconds: config.seconds,
				step: () => readStep(databaseUrl, data.stepId)
			});
			return { lastSeq: await latestSeq(databaseUrl, data.incidentId), driver };
		}
	);
}

async function measureBare(
	settings: PhaseSettings,
	config: BenchConfig,
	sample: StreamEvent,
	logDir: string
): Promise<PhaseResult> {
	progress(`N=${settings.clients}: bare socket.io`);
	const server = await startBare(path.join(logDir, `bare-${settings.clients}.log`));
	// The bare server ignores sessions; each client still sends a cookie of the same size.
	const tokens = Array.from({ length: settings.clients }, () => 'x'.repeat(60));
	return measure(
		server,
		settings,
		{ tokens, room: { kind: 'incident', id: sample.streamId }, people: 0 },
		async () => {
			progress(`N=${settings.clients}: bare connected; broadcasting`);
			server.order({ type: 'broadcast', rate: config.rate, seconds: config.seconds, sample });
			const report = await server.next();
			return { lastSeq: report.type === 'sent' ? report.lastSeq : 0 };
		}
	);
}

function describe(config: BenchConfig): string {
	return [
		`Realtime benchmark: N = ${config.clients.join(', ')}; ${config.seconds} s at ${config.rate} events/s;`,
		`${config.workers} client processes (${config.concurrency} connections at once each);`,
		`${config.distinctPeople ? 'one person per client' : 'all clients one person'};`,
		`presence lists ${config.decodePresence ? 'decoded' : 'counted, not decoded'} by clients;`,
		`${os.cpus().length} CPUs, node ${process.version}.`
	].join(' ');
}

function heading(clients: number, config: BenchConfig): string {
	return `N = ${clients}: ${config.seconds} s at ${config.rate} events/s (Nightshift: commit → receipt; bare: send → receipt)`;
}

function progress(message: string) {
	console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
}

function summaryOf(config: BenchConfig, results: SizeResult[], databaseName: string) {
	return {
		date: new Date().toISOString(),
		machine: {
			cpus: os.cpus().length,
			model: os.cpus()[0]?.model,
			memoryGb: os.totalmem() / 2 ** 30
		},
		node: process.version,
		config: { ...config, adminUrl: undefined, database: databaseName },
		results
	};
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? (error.stack ?? error.message) : error);
	process.exit(1);
});
