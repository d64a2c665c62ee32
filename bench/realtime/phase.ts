/**
 * One measurement: N clients (in worker processes) connect to a server and join one room,
 * then events flow at a steady rate; what each client received is checked and timed.
 */
import os from 'node:os';
import type { RoomRef } from '../../src/lib/realtime/protocol';
import type { DriveResult } from './driver';
import type { ResultReport, SettledReport } from './messages';
import { readCpuSeconds, readMemory, type ServerProcess } from './processes';
import { percentile, summarize, type LatencySummary } from './stats';
import { startWorkers } from './workers';

export interface PhaseSettings {
	clients: number;
	workers: number;
	/** Connections each worker opens at once. */
	concurrency: number;
	connectTimeoutMs: number;
	graceMs: number;
	decodePresence: boolean;
}

export interface Traffic {
	lastSeq: number;
	driver?: DriveResult;
}

export interface PhaseResult {
	connected: number;
	connectFailures: number;
	failureSamples: string[];
	/** Until every client was connected and its join acknowledged. */
	joinSeconds: number;
	/** Until every client saw everyone in its presence list, or presence went quiet. */
	presenceSettledSeconds: number;
	/** False when some client never saw everyone (it was dropped, or failed to join). */
	presenceComplete: boolean;
	clientJoinMs: { p50: number; p95: number; max: number };
	presence: { messages: number; megabytes: number };
	/** Connections lost while connecting and settling, by reason. */
	disconnectsWhileConnecting: Record<string, number>;
	memory: { beforeMb: number; afterMb: number; peakMb: number; perClientKb: number };
	cpu: { connectSeconds: number; eventsPercent: number };
	/** The machine's 1-minute load average before connecting and after the events (shared host). */
	load: { before: number; after: number };
	events: {
		lastSeq: number;
		expected: number;
		delivered: number;
		lost: number;
		duplicated: number;
		outOfOrder: number;
		/** Connections lost after settling (during the events), by reason. */
		disconnects: Record<string, number>;
	};
	latency: LatencySummary;
	driver?: Omit<DriveResult, 'httpMs'> & { httpP50: number; httpP95: number; httpMax: number };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (kb: number) => kb / 1024;

export async function measure(
	server: ServerProcess,
	settings: PhaseSettings,
	join: { tokens: string[]; room: RoomRef; people: number },
	traffic: () => Promise<Traffic>
): Promise<PhaseResult> {
	const pool = startWorkers(Math.min(settings.workers, settings.clients));
	try {
		await pool.all('ready', 60_000);
		await sleep(1000);
		const loadBefore = os.loadavg()[0] ?? 0;
		const before = readMemory(server.pid);
		const cpuStart = readCpuSeconds(server.pid);
		const share = Math.ceil(settings.clients / pool.size);
		const started = performance.now();
		pool.send((i) => ({
			type: 'connect',
			url: server.url,
			tokens: join.tokens.slice(i * share, Math.min(settings.clients, (i + 1) * share)),
			room: join.room,
			expectedPeople: join.people,
			concurrency: settings.concurrency,
			timeoutMs: settings.connectTimeoutMs,
			decodePresence: settings.decodePresence
		}));
		const joined = await pool.all('joined', settings.connectTimeoutMs * 4);
		const joinSeconds = (performance.now() - started) / 1000;
		const settled = await pool.all('settled', settings.connectTimeoutMs * 4);
		const settledSeconds = (performance.now() - started) / 1000;
		const cpuConnected = readCpuSeconds(server.pid);
		await sleep(2000);
		const after = readMemory(server.pid);
		const connected = joined.reduce((sum, r) => sum + r.joined, 0);

		const eventsStart = performance.now();
		const flow = await traffic();
		const eventsSeconds = (performance.now() - eventsStart) / 1000;
		const cpuEvents = readCpuSeconds(server.pid) - cpuConnected;
		pool.send(() => ({ type: 'finish', lastSeq: flow.lastSeq, graceMs: settings.graceMs }));
		const results = await pool.all('result', settings.graceMs + 120_000);
		const peak = readMemory(server.pid).peakKb;
		const loadAfter = os.loadavg()[0] ?? 0;

		const joinMs = joined.flatMap((r) => r.joinMs).sort((a, b) => a - b);
		return {
			connected,
			connectFailures: joined.reduce((sum, r) => sum + r.failed, 0),
			failureSamples: joined.flatMap((r) => r.failures).slice(0, 5),
			joinSeconds,
			presenceSettledSeconds: settledSeconds,
			presenceComplete: settled.every((s) => s.complete),
			clientJoinMs: {
				p50: percentile(joinMs, 0.5),
				p95: percentile(joinMs, 0.95),
				max: joinMs.at(-1) ?? Number.NaN
			},
			presence: {
				messages: settled.reduce((sum, r) => sum + r.presenceMessages, 0),
				megabytes: settled.reduce((sum, r) => sum + r.presenceBytes, 0) / 1e6
			},
			disconnectsWhileConnecting: addUp(settled.map((r) => r.disconnects)),
			memory: {
				beforeMb: mb(before.rssKb),
				afterMb: mb(after.rssKb),
				peakMb: mb(peak),
				perClientKb: connected > 0 ? (after.rssKb - before.rssKb) / connected : Number.NaN
			},
			cpu: {
				connectSeconds: cpuConnected - cpuStart,
				eventsPercent: (cpuEvents / eventsSeconds) * 100
			},
			load: { before: loadBefore, after: loadAfter },
			events: eventTotals(results, settled, flow.lastSeq),
			latency: summarize(results.map((r) => r.latencies)),
			driver: flow.driver && driverSummary(flow.driver)
		};
	} finally {
		await server.kill();
		await pool.close();
	}
}

function addUp(counts: Record<string, number>[], sign = 1, into: Record<string, number> = {}) {
	for (const count of counts) {
		for (const [reason, n] of Object.entries(count)) into[reason] = (into[reason] ?? 0) + sign * n;
	}
	return into;
}

function eventTotals(
	results: ResultReport[],
	settled: SettledReport[],
	lastSeq: number
): PhaseResult['events'] {
	const all = addUp(results.map((r) => r.disconnects));
	const during = addUp(
		settled.map((r) => r.disconnects),
		-1,
		all
	);
	const disconnects = Object.fromEntries(Object.entries(during).filter(([, n]) => n > 0));
	const sum = (pick: (r: ResultReport) => number) => results.reduce((s, r) => s + pick(r), 0);
	return {
		lastSeq,
		expected: sum((r) => r.expected),
		delivered: sum((r) => r.delivered),
		lost: sum((r) => r.lost),
		duplicated: sum((r) => r.duplicated),
		outOfOrder: sum((r) => r.outOfOrder),
		disconnects
	};
}

function driverSummary(drive: DriveResult): NonNullable<PhaseResult['driver']> {
	const sorted = [...drive.httpMs].sort((a, b) => a - b);
	const { httpMs: _httpMs, ...rest } = drive;
	return {
		...rest,
		httpP50: percentile(sorted, 0.5),
		httpP95: percentile(sorted, 0.95),
		httpMax: sorted.at(-1) ?? Number.NaN
	};
}
