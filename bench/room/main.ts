/**
 * npm run bench:room: the incident room at 100 / 1,000 / 10,000 timeline events. For each
 * size: the room's server render (p50/p95, bytes on the wire with and without
 * accept-encoding), then in headless Chromium load → "Live" (cold cache, and once over a thin
 * link), live event → DOM, and one browser's click → another browser's screen. Writes
 * bench/results/room-<time>.json. See bench/README.md.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDatabase } from '../realtime/database';
import { readCpuSeconds, snapshotBuild, startNightshift } from '../realtime/processes';
import { percentile } from '../realtime/stats';
import { clickToScreen, liveEvent, openRoom, RoomBrowser, type LoadSample } from './browser';
import { rawGet } from './http';
import { seedNight, seedPeople, type RoomPeople } from './seed';

const root = path.resolve(import.meta.dirname, '..', '..');
const resultsDir = path.join(root, 'bench', 'results');

const USAGE = `bench:room [--sizes 100,1000,10000] [--renders 40] [--loads 5] [--live 20]
  [--clicks 15] [--no-thin] [--keep-db]
Environment: BENCH_DATABASE_URL (else TEST_DATABASE_URL, else
  postgres://postgres@127.0.0.1:5432/postgres), BENCH_CHROMIUM (else /usr/bin/chromium).`;

interface Config {
	sizes: number[];
	renders: number;
	loads: number;
	live: number;
	clicks: number;
	thin: boolean;
	keepDatabase: boolean;
	adminUrl: string;
}

function readConfig(): Config {
	const { values } = parseArgs({
		options: {
			sizes: { type: 'string' },
			renders: { type: 'string' },
			loads: { type: 'string' },
			live: { type: 'string' },
			clicks: { type: 'string' },
			'no-thin': { type: 'boolean' },
			'keep-db': { type: 'boolean' },
			help: { type: 'boolean' }
		}
	});
	if (values.help) {
		console.log(USAGE);
		process.exit(0);
	}
	const count = (name: string, text: string) => {
		const value = Number(text);
		if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} is a positive integer.`);
		return value;
	};
	return {
		sizes: (values.sizes ?? '100,1000,10000').split(',').map((s) => count('sizes', s.trim())),
		renders: count('renders', values.renders ?? '40'),
		loads: count('loads', values.loads ?? '5'),
		live: count('live', values.live ?? '20'),
		clicks: count('clicks', values.clicks ?? '15'),
		thin: !values['no-thin'],
		keepDatabase: values['keep-db'] ?? false,
		adminUrl:
			process.env.BENCH_DATABASE_URL ??
			process.env.TEST_DATABASE_URL ??
			'postgres://postgres@127.0.0.1:5432/postgres'
	};
}

interface Spread {
	p50: number;
	p95: number;
	max: number;
	count: number;
}

function spread(samples: number[]): Spread {
	const sorted = [...samples].sort((a, b) => a - b);
	return {
		p50: percentile(sorted, 0.5),
		p95: percentile(sorted, 0.95),
		max: sorted.at(-1) ?? Number.NaN,
		count: sorted.length
	};
}

interface SizeResult {
	events: number;
	ssr: {
		ms: Spread;
		/** The server process's CPU time per render (PostgreSQL apart): less load-dependent. */
		serverCpuMs: number;
		plainBytes: number;
		/** With `accept-encoding: br, gzip`: the bytes sent, and how (null: not compressed). */
		compressedBytes: number;
		encoding: string | null;
		/** The JSON of a client-side navigation to the room (`__data.json`), both ways. */
		dataPlainBytes: number;
		dataCompressedBytes: number;
		timelineEntriesRendered: number;
	};
	load: { loadMs: Spread; liveMs: Spread; transferBytes: number };
	thinLink: LoadSample | null;
	live: { messageToDomMs: Spread; requestToDomMs: Spread };
	clickToScreenMs: Spread;
	loadAverage: { before: number; after: number };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const progress = (message: string) =>
	console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

async function measureSsr(
	origin: string,
	incidentId: string,
	token: string,
	renders: number,
	cpu: () => number
) {
	const url = `${origin}/incidents/${incidentId}`;
	const cookie = `nightshift_session=${token}`;
	const plain = { cookie, 'accept-encoding': 'identity', accept: 'text/html' };
	for (let i = 0; i < 5; i++) await rawGet(url, plain);
	const ms: number[] = [];
	let last = await rawGet(url, plain);
	const cpuBefore = cpu();
	for (let i = 0; i < renders; i++) {
		last = await rawGet(url, plain);
		if (last.status !== 200) throw new Error(`room render: ${last.status}`);
		ms.push(last.ms);
	}
	const cpuMs = ((cpu() - cpuBefore) * 1000) / renders;
	const html = last.body.toString('utf8');
	const compressed = await rawGet(url, { ...plain, 'accept-encoding': 'br, gzip' });
	const dataUrl = `${url}/__data.json`;
	const dataPlain = await rawGet(dataUrl, { cookie, 'accept-encoding': 'identity' });
	const dataCompressed = await rawGet(dataUrl, { cookie, 'accept-encoding': 'br, gzip' });
	if (dataPlain.status !== 200) throw new Error(`room data: ${dataPlain.status}`);
	const timeline = /data-testid="timeline"[^>]*>([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? '';
	return {
		ms: spread(ms),
		serverCpuMs: cpuMs,
		plainBytes: last.bytes,
		compressedBytes: compressed.bytes,
		encoding: compressed.encoding,
		dataPlainBytes: dataPlain.bytes,
		dataCompressedBytes: dataCompressed.bytes,
		timelineEntriesRendered: (timeline.match(/<li\b/g) ?? []).length
	};
}

async function measureSize(
	config: Config,
	origin: string,
	browser: RoomBrowser,
	people: RoomPeople,
	incidentId: string,
	events: number,
	cpu: () => number
): Promise<SizeResult> {
	const loadBefore = os.loadavg()[0] ?? 0;
	progress(`${events} events: server render`);
	const ssr = await measureSsr(origin, incidentId, people.alice.token, config.renders, cpu);
	progress(`${events} events: load → Live (${config.loads} cold loads)`);
	const loads: LoadSample[] = [];
	for (let i = 0; i < config.loads; i++)
		loads.push(await browser.load(people.alice.token, incidentId));
	const thinLink = config.thin ? await browser.load(people.alice.token, incidentId, true) : null;

	progress(`${events} events: live events and browser-to-browser clicks`);
	const alice = await browser.context(people.alice.token);
	const bob = await browser.context(people.bob.token);
	try {
		const writer = await alice.newPage();
		const reader = await bob.newPage();
		const url = `${origin}/incidents/${incidentId}`;
		await openRoom(writer, url);
		await openRoom(reader, url);
		const live = [];
		for (let i = 0; i < config.live; i++) {
			live.push(await liveEvent(writer, { origin, incidentId, token: people.bob.token }));
			await sleep(200);
		}
		const clicks: number[] = [];
		for (let i = 0; i < config.clicks; i++) {
			clicks.push(await clickToScreen(writer, reader));
			await sleep(200);
		}
		return {
			events,
			ssr,
			load: {
				loadMs: spread(loads.map((l) => l.loadMs)),
				liveMs: spread(loads.map((l) => l.liveMs)),
				transferBytes: loads[0]?.transferBytes ?? Number.NaN
			},
			thinLink,
			live: {
				messageToDomMs: spread(live.map((l) => l.messageToDomMs)),
				requestToDomMs: spread(live.map((l) => l.requestToDomMs))
			},
			clickToScreenMs: spread(clicks),
			loadAverage: { before: loadBefore, after: os.loadavg()[0] ?? 0 }
		};
	} finally {
		await alice.close();
		await bob.close();
	}
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)}` : '–');

function table(results: SizeResult[]): string {
	const rows = [
		[
			'events',
			'SSR p50 / p95 ms',
			'SSR server CPU ms',
			'HTML plain',
			'HTML br/gzip',
			'__data.json plain / compr.',
			'load → Live p50 ms',
			'thin link Live ms',
			'msg → DOM p50 / p95 ms',
			'API → DOM p50 ms',
			'click → screen p50 / max ms',
			'load avg'
		]
	];
	for (const r of results) {
		rows.push([
			String(r.events),
			`${ms(r.ssr.ms.p50)} / ${ms(r.ssr.ms.p95)}`,
			ms(r.ssr.serverCpuMs),
			kb(r.ssr.plainBytes),
			`${kb(r.ssr.compressedBytes)}${r.ssr.encoding ? ` (${r.ssr.encoding})` : ' (none)'}`,
			`${kb(r.ssr.dataPlainBytes)} / ${kb(r.ssr.dataCompressedBytes)}`,
			ms(r.load.liveMs.p50),
			r.thinLink ? ms(r.thinLink.liveMs) : '–',
			`${ms(r.live.messageToDomMs.p50)} / ${ms(r.live.messageToDomMs.p95)}`,
			ms(r.live.requestToDomMs.p50),
			`${ms(r.clickToScreenMs.p50)} / ${ms(r.clickToScreenMs.max)}`,
			`${r.loadAverage.before.toFixed(2)} → ${r.loadAverage.after.toFixed(2)}`
		]);
	}
	return rows.map((row) => `| ${row.join(' | ')} |`).join('\n');
}

async function main() {
	const config = readConfig();
	const stamp = new Date().toISOString().replace(/[:.]/g, '-');
	await mkdir(resultsDir, { recursive: true });
	const logFile = path.join(resultsDir, `room-${stamp}-server.log`);
	const file = path.join(resultsDir, `room-${stamp}.json`);
	console.log(
		`Room benchmark: ${config.sizes.join(' / ')} events; ${os.cpus().length} CPUs, load ${os
			.loadavg()
			.map((l) => l.toFixed(2))
			.join(' ')}`
	);
	const snapshot = await snapshotBuild(root);
	const database = await createDatabase(config.adminUrl);
	const results: SizeResult[] = [];
	try {
		const migrate = await startNightshift({
			appDir: snapshot.dir,
			databaseUrl: database.url,
			logFile
		});
		await migrate.kill();
		const people = await seedPeople(database.url);
		const incidents: [number, string][] = [];
		for (const size of config.sizes) {
			progress(`seeding an incident of ${size} events`);
			incidents.push([size, await seedNight(database.url, people, size)]);
		}
		const server = await startNightshift({
			appDir: snapshot.dir,
			databaseUrl: database.url,
			logFile
		});
		const browser = await RoomBrowser.launch(server.url);
		try {
			for (const [size, incidentId] of incidents) {
				results.push(
					await measureSize(config, server.url, browser, people, incidentId, size, () =>
						readCpuSeconds(server.pid)
					)
				);
				await writeFile(file, JSON.stringify(summary(config, results), null, '\t'));
			}
		} finally {
			await browser.close();
			await server.kill();
		}
	} finally {
		if (!config.keepDatabase) await database.drop();
		await snapshot.remove();
	}
	console.log(`\n${table(results)}\n\nResults: ${path.relative(root, file)}`);
}

function summary(config: Config, results: SizeResult[]) {
	return {
		date: new Date().toISOString(),
		machine: {
			cpus: os.cpus().length,
			model: os.cpus()[0]?.model,
			memoryGb: os.totalmem() / 2 ** 30
		},
		node: process.version,
		config: { ...config, adminUrl: undefined },
		results
	};
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? (error.stack ?? error.message) : error);
	process.exit(1);
});
