/**
 * npm run bench:ceiling: the write path's ceiling. For Nightshift (production build, real
 * PostgreSQL) and then a bare socket.io server in the same run, with 0 watchers and with W
 * watchers in one incident, two scenarios — every command into that one incident ("hot"),
 * and commands spread over all incidents ("spread") — each raising the command rate level
 * by level until the commands' p99 or the watchers' delivery p99 passes the limit, an error
 * appears, or the rate asked is not achieved. Writes bench/results/ceiling-<time>.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { createDatabase, lastEvent, latestSeq } from '../realtime/database';
import {
	readCpuSeconds,
	snapshotBuild,
	startBare,
	startNightshift,
	type ServerProcess
} from '../realtime/processes';
import { summarize, type LatencySummary } from '../realtime/stats';
import { startWorkers, type WorkerPool } from '../realtime/workers';
import { CommandDriver, type LevelResult, type Target } from './driver';
import { seedCeiling, type CeilingData } from './seed';

const root = path.resolve(import.meta.dirname, '..', '..');
const resultsDir = path.join(root, 'bench', 'results');

const USAGE = `bench:ceiling [--watchers 0,1000] [--rates 10,25,50,…] [--seconds 5]
  [--p99 200] [--incidents 20] [--steps 40] [--drivers 400] [--in-flight 256]
  [--workers 4] [--systems nightshift,bare] [--scenarios hot,spread] [--keep-db]
Environment: BENCH_DATABASE_URL (else TEST_DATABASE_URL, else
  postgres://postgres@127.0.0.1:5432/postgres).`;

const RATES = [10, 25, 50, 100, 200, 300, 400, 500, 600, 800, 1000, 1200, 1500, 2000, 2500, 3000];

interface Config {
	watchers: number[];
	rates: number[];
	seconds: number;
	p99Ms: number;
	incidents: number;
	steps: number;
	drivers: number;
	inFlight: number;
	workers: number;
	systems: ('nightshift' | 'bare')[];
	scenarios: ('hot' | 'spread')[];
	keepDatabase: boolean;
	adminUrl: string;
}

function readConfig(): Config {
	const { values } = parseArgs({
		options: {
			watchers: { type: 'string' },
			rates: { type: 'string' },
			seconds: { type: 'string' },
			p99: { type: 'string' },
			incidents: { type: 'string' },
			steps: { type: 'string' },
			drivers: { type: 'string' },
			'in-flight': { type: 'string' },
			workers: { type: 'string' },
			systems: { type: 'string' },
			scenarios: { type: 'string' },
			'keep-db': { type: 'boolean' },
			help: { type: 'boolean' }
		}
	});
	if (values.help) {
		console.log(USAGE);
		process.exit(0);
	}
	const number = (name: string, text: string, min = 1) => {
		const value = Number(text.trim());
		if (!Number.isFinite(value) || value < min) throw new Error(`--${name}: ${text}?`);
		return value;
	};
	const list = <T extends string>(name: string, text: string, allowed: readonly T[]): T[] =>
		text.split(',').map((item) => {
			const found = allowed.find((a) => a === item.trim());
			if (!found) throw new Error(`--${name} takes ${allowed.join(', ')}.`);
			return found;
		});
	return {
		watchers: (values.watchers ?? '0,1000').split(',').map((w) => number('watchers', w, 0)),
		rates: values.rates ? values.rates.split(',').map((r) => number('rates', r)) : RATES,
		seconds: number('seconds', values.seconds ?? '5'),
		p99Ms: number('p99', values.p99 ?? '200'),
		incidents: number('incidents', values.incidents ?? '20'),
		steps: number('steps', values.steps ?? '40'),
		drivers: number('drivers', values.drivers ?? '400'),
		inFlight: number('in-flight', values['in-flight'] ?? '256'),
		workers: number('workers', values.workers ?? '4'),
		systems: list('systems', values.systems ?? 'nightshift,bare', ['nightshift', 'bare'] as const),
		scenarios: list('scenarios', values.scenarios ?? 'hot,spread', ['hot', 'spread'] as const),
		keepDatabase: values['keep-db'] ?? false,
		adminUrl:
			process.env.BENCH_DATABASE_URL ??
			process.env.TEST_DATABASE_URL ??
			'postgres://postgres@127.0.0.1:5432/postgres'
	};
}

interface LevelSummary {
	rate: number;
	/** 1, or 2 when the level failed once and was run again. */
	attempt: number;
	achieved: number;
	sent: number;
	ok: number;
	errors: Record<string, number>;
	command: LatencySummary;
	delivery: LatencySummary;
	/** Events received by all watchers together, per second. */
	deliveriesPerSecond: number;
	/**
	 * The server process's CPU time (user + system) per successful command, its idle CPU
	 * subtracted, PostgreSQL apart.
	 */
	serverCpuMsPerCommand: number;
	passed: boolean;
	why: string | null;
	loadAverage: number;
}

interface RampResult {
	system: 'nightshift' | 'bare';
	scenario: 'hot' | 'spread';
	watchers: number;
	levels: LevelSummary[];
	/** The best level that passed: its achieved commands/s and deliveries/s. */
	maxCommandsPerSecond: number;
	maxDeliveriesPerSecond: number;
	stoppedBy: string | null;
}

interface WatchResult {
	system: 'nightshift' | 'bare';
	watchers: number;
	joinSeconds: number;
	connected: number;
	lost: number;
	duplicated: number;
	outOfOrder: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const progress = (message: string) =>
	console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

function judge(level: LevelResult, command: LatencySummary, delivery: LatencySummary, p99: number) {
	const errors = Object.entries(level.errors);
	if (errors.length > 0) return `errors: ${errors.map(([k, n]) => `${k} ×${n}`).join(', ')}`;
	if (command.p99 > p99) return `command p99 ${command.p99.toFixed(0)} ms`;
	if (delivery.count > 0 && delivery.p99 > p99) return `delivery p99 ${delivery.p99.toFixed(0)} ms`;
	if (level.achieved < level.rate * 0.95) return `achieved ${level.achieved.toFixed(0)}/s`;
	return null;
}

async function flush(pool: WorkerPool | null): Promise<number[]> {
	if (!pool) return [];
	pool.send(() => ({ type: 'flush' }));
	return (await pool.all('window', 60_000)).flatMap((w) => w.latencies);
}

async function runLevel(
	config: Config,
	driver: CommandDriver,
	pool: WorkerPool | null,
	rate: number,
	attempt: number,
	cpu: () => number,
	idleCpuPerSecond: number
): Promise<LevelSummary> {
	const cpuBefore = cpu();
	const started = performance.now();
	const level = await driver.level(rate, config.seconds, config.inFlight);
	const elapsed = (performance.now() - started) / 1000;
	// What the server spends with nothing to do (timers, the job queue's polling) is not the
	// commands' cost.
	const cpuSeconds = cpu() - cpuBefore - idleCpuPerSecond * elapsed;
	await sleep(500);
	const latencies = await flush(pool);
	const command = summarize([Float64Array.from(level.latencies)]);
	const delivery = summarize([Float64Array.from(latencies)]);
	const why = judge(level, command, delivery, config.p99Ms);
	return {
		rate,
		attempt,
		achieved: level.achieved,
		sent: level.sent,
		ok: level.ok,
		errors: level.errors,
		command,
		delivery,
		deliveriesPerSecond: latencies.length / config.seconds,
		serverCpuMsPerCommand: level.ok > 0 ? (cpuSeconds * 1000) / level.ok : Number.NaN,
		passed: why === null,
		why,
		loadAverage: os.loadavg()[0] ?? 0
	};
}

async function ramp(
	config: Config,
	driver: CommandDriver,
	pool: WorkerPool | null,
	cpu: () => number,
	label: Omit<
		RampResult,
		'levels' | 'maxCommandsPerSecond' | 'maxDeliveriesPerSecond' | 'stoppedBy'
	>
): Promise<RampResult> {
	const levels: LevelSummary[] = [];
	let stoppedBy: string | null = null;
	// A warm-up (not judged): the first requests after a start pay for connections and JIT.
	await driver.level(config.rates[0] ?? 10, 3, config.inFlight);
	await flush(pool);
	const idleStart = cpu();
	await sleep(3000);
	const idleCpuPerSecond = (cpu() - idleStart) / 3;
	for (const rate of config.rates) {
		// A shared machine has hiccups: a level that fails is run once more before the ramp stops.
		let why: string | null = null;
		for (let attempt = 1; attempt <= 2; attempt++) {
			const summary = await runLevel(config, driver, pool, rate, attempt, cpu, idleCpuPerSecond);
			levels.push(summary);
			why = summary.why;
			progress(
				`${label.system} ${label.scenario} W=${label.watchers} @${rate}/s (try ${attempt}): ` +
					`${summary.achieved.toFixed(0)}/s, command p50/p99 ${summary.command.p50.toFixed(0)}/` +
					`${summary.command.p99.toFixed(0)} ms, delivery p99 ${
						Number.isFinite(summary.delivery.p99) ? summary.delivery.p99.toFixed(0) : '–'
					} ms${why ? ` (${why})` : ''}`
			);
			if (!why) break;
			await sleep(2000);
		}
		if (why) {
			stoppedBy = why;
			break;
		}
		await sleep(1000);
	}
	const best = levels.filter((l) => l.passed).at(-1);
	return {
		...label,
		levels,
		maxCommandsPerSecond: best?.achieved ?? 0,
		maxDeliveriesPerSecond: best?.deliveriesPerSecond ?? 0,
		stoppedBy
	};
}

async function watch(
	server: ServerProcess,
	config: Config,
	tokens: string[],
	roomId: string,
	people: number
): Promise<{ pool: WorkerPool; joinSeconds: number; connected: number }> {
	const pool = startWorkers(Math.min(config.workers, tokens.length));
	await pool.all('ready', 60_000);
	const share = Math.ceil(tokens.length / pool.size);
	const started = performance.now();
	pool.send((i) => ({
		type: 'connect',
		url: server.url,
		tokens: tokens.slice(i * share, (i + 1) * share),
		room: { kind: 'incident', id: roomId },
		expectedPeople: people,
		concurrency: 25,
		timeoutMs: 600_000,
		decodePresence: false
	}));
	const joined = await pool.all('joined', 2_400_000);
	const joinSeconds = (performance.now() - started) / 1000;
	await pool.all('settled', 2_400_000);
	return { pool, joinSeconds, connected: joined.reduce((sum, r) => sum + r.joined, 0) };
}

async function stepVersions(url: string) {
	const sql = postgres(url, { max: 1, onnotice: () => {} });
	try {
		const rows = await sql<{ id: string; version: number; state: string }[]>`
			select id, version, state from run_steps`;
		return new Map(rows.map((r) => [r.id, { version: r.version, state: r.state }]));
	} finally {
		await sql.end();
	}
}

async function main() {
	const config = readConfig();
	const stamp = new Date().toISOString().replace(/[:.]/g, '-');
	const logDir = path.join(resultsDir, `ceiling-${stamp}-logs`);
	await mkdir(logDir, { recursive: true });
	const file = path.join(resultsDir, `ceiling-${stamp}.json`);
	console.log(
		`Ceiling benchmark: watchers ${config.watchers.join(', ')}; ${config.seconds} s a level; ` +
			`limit p99 ${config.p99Ms} ms; ${config.incidents} incidents × ${config.steps} steps; ` +
			`${config.drivers} driving people; ${os.cpus().length} CPUs; load ${os
				.loadavg()
				.map((l) => l.toFixed(2))
				.join(' ')}`
	);
	const snapshot = await snapshotBuild(root);
	const database = await createDatabase(config.adminUrl);
	const ramps: RampResult[] = [];
	const watches: WatchResult[] = [];
	const save = () =>
		writeFile(
			file,
			JSON.stringify(
				{
					date: new Date().toISOString(),
					machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model },
					node: process.version,
					config: { ...config, adminUrl: undefined },
					watches,
					ramps
				},
				null,
				'\t'
			)
		);
	try {
		const first = await startNightshift({
			appDir: snapshot.dir,
			databaseUrl: database.url,
			logFile: path.join(logDir, 'migrate.log')
		});
		await first.kill();
		progress('seeding');
		const data = await seedCeiling(database.url, {
			drivers: config.drivers,
			watchers: Math.max(...config.watchers),
			incidents: config.incidents,
			steps: config.steps
		});
		for (const system of config.systems) {
			for (const watchers of config.watchers) {
				await runSystem(system, watchers, config, data, snapshot.dir, database.url, logDir, {
					ramps,
					watches
				});
				await save();
			}
		}
	} finally {
		if (!config.keepDatabase) await database.drop();
		await snapshot.remove();
	}
	console.log(`\n${table(ramps)}\n\nResults: ${path.relative(root, file)}`);
}

async function runSystem(
	system: 'nightshift' | 'bare',
	watchers: number,
	config: Config,
	data: CeilingData,
	appDir: string,
	databaseUrl: string,
	logDir: string,
	into: { ramps: RampResult[]; watches: WatchResult[] }
) {
	const log = path.join(logDir, `${system}-${watchers}.log`);
	progress(`${system}, ${watchers} watchers: starting`);
	let server: ServerProcess;
	if (system === 'nightshift') {
		server = await startNightshift({ appDir, databaseUrl, logFile: log });
	} else {
		const bare = await startBare(log);
		bare.order({ type: 'sample', sample: await lastEvent(databaseUrl, data.hotIncidentId) });
		server = bare;
	}
	let pool: WorkerPool | null = null;
	try {
		const tokens =
			system === 'nightshift'
				? data.watcherTokens.slice(0, watchers)
				: Array.from({ length: watchers }, () => 'x'.repeat(60));
		let joinSeconds = 0;
		let connected = 0;
		if (watchers > 0) {
			progress(`${system}: connecting ${watchers} watchers`);
			const watching = await watch(
				server,
				config,
				tokens,
				data.hotIncidentId,
				system === 'nightshift' ? watchers : 0
			);
			({ pool, joinSeconds, connected } = watching);
			progress(`${system}: ${connected} watchers joined in ${joinSeconds.toFixed(1)} s`);
		}
		for (const scenario of config.scenarios) {
			const target: Target = {
				system,
				origin: server.url,
				incidentIds: scenario === 'hot' ? [data.hotIncidentId] : data.incidentIds,
				hotIncidentId: data.hotIncidentId,
				steps: data.steps,
				tokens: data.driverTokens
			};
			const driver = new CommandDriver(target);
			if (system === 'nightshift') driver.resync(await stepVersions(databaseUrl));
			into.ramps.push(
				await ramp(config, driver, pool, () => readCpuSeconds(server.pid), {
					system,
					scenario,
					watchers
				})
			);
		}
		if (pool) {
			const lastSeq =
				system === 'nightshift'
					? await latestSeq(databaseUrl, data.hotIncidentId)
					: await bareLastSeq(server.url);
			pool.send(() => ({ type: 'finish', lastSeq, graceMs: 10_000 }));
			const results = await pool.all('result', 120_000);
			const sum = (pick: (r: (typeof results)[number]) => number) =>
				results.reduce((s, r) => s + pick(r), 0);
			into.watches.push({
				system,
				watchers,
				joinSeconds,
				connected,
				lost: sum((r) => r.lost),
				duplicated: sum((r) => r.duplicated),
				outOfOrder: sum((r) => r.outOfOrder)
			});
		}
	} finally {
		await server.kill();
		await pool?.close();
	}
}

/** The bare server's hot sequence: one more command answers it (and is delivered too). */
async function bareLastSeq(origin: string): Promise<number> {
	const response = await fetch(`${origin}/command`, {
		method: 'POST',
		body: JSON.stringify({ room: 'hot' })
	});
	const answer: unknown = await response.json();
	return typeof answer === 'object' && answer && 'seq' in answer && typeof answer.seq === 'number'
		? answer.seq
		: 0;
}

/** The median of the levels' server CPU per command (it barely depends on the rate). */
function cpuOf(levels: LevelSummary[]): string {
	const values = levels
		.map((l) => l.serverCpuMsPerCommand)
		.filter(Number.isFinite)
		.sort((a, b) => a - b);
	const middle = values[Math.floor(values.length / 2)];
	return middle === undefined ? '–' : middle.toFixed(2);
}

function table(ramps: RampResult[]): string {
	const rows = [
		[
			'system',
			'scenario',
			'watchers',
			'max commands/s',
			'max deliveries/s',
			'command p99 at max (ms)',
			'delivery p99 at max (ms)',
			'server CPU ms/command',
			'stopped by (next level)'
		]
	];
	for (const r of ramps) {
		const best = r.levels.filter((l) => l.passed).at(-1);
		rows.push([
			r.system,
			r.scenario,
			String(r.watchers),
			r.maxCommandsPerSecond.toFixed(0),
			r.maxDeliveriesPerSecond.toFixed(0),
			best ? best.command.p99.toFixed(0) : '–',
			best && Number.isFinite(best.delivery.p99) ? best.delivery.p99.toFixed(0) : '–',
			cpuOf(r.levels),
			r.stoppedBy ?? 'highest rate passed'
		]);
	}
	return rows.map((row) => `| ${row.join(' | ')} |`).join('\n');
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? (error.stack ?? error.message) : error);
	process.exit(1);
});
