/** Starting, watching and stopping the server processes the benchmark measures. */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BareOrder, BareReport } from './messages';

export interface ServerProcess {
	child: ChildProcess;
	pid: number;
	url: string;
	/** SIGKILL: closing N sockets one by one would broadcast presence N times (see README). */
	kill(): Promise<void>;
}

/**
 * Copies the production build (server.js, build/, migrations/) to a temporary directory so a
 * rebuild by someone else during the run cannot change or remove what the server loads.
 */
export async function snapshotBuild(
	root: string
): Promise<{ dir: string; remove(): Promise<void> }> {
	if (!existsSync(path.join(root, 'build', 'handler.js'))) {
		throw new Error('No production build: run `npx vite build` first.');
	}
	const dir = await mkdtemp(path.join(tmpdir(), 'nightshift-bench-'));
	for (const entry of ['server.js', 'package.json', 'build', 'migrations']) {
		await cp(path.join(root, entry), path.join(dir, entry), { recursive: true });
	}
	await symlink(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
	return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			probe.close(() => resolve(port));
		});
	});
}

/** `node server.js` from the snapshot, on a real PostgreSQL (so with the postgres adapter). */
export async function startNightshift(options: {
	appDir: string;
	databaseUrl: string;
	logFile: string;
}): Promise<ServerProcess> {
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, [...profileArgs(), 'server.js'], {
		cwd: options.appDir,
		env: {
			...process.env,
			NODE_ENV: 'production',
			DATABASE_URL: options.databaseUrl,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: url,
			SEED_DEMO: 'never',
			LOG_LEVEL: 'warn'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	pipeTo(child, options.logFile);
	await waitForHttp(url, child, 60_000);
	return serverProcess(child, url);
}

/** The bare socket.io server, forked with tsx so it can be TypeScript. */
export async function startBare(
	logFile: string
): Promise<ServerProcess & { order(o: BareOrder): void; next(): Promise<BareReport> }> {
	const child = fork(path.join(import.meta.dirname, 'bare-server.ts'), [], {
		execArgv: ['--import', 'tsx'],
		env: { ...process.env, PORT: '0' },
		stdio: ['ignore', 'pipe', 'pipe', 'ipc']
	});
	pipeTo(child, logFile);
	const reports: BareReport[] = [];
	const waiting: ((report: BareReport) => void)[] = [];
	child.on('message', (report: BareReport) => {
		const waiter = waiting.shift();
		if (waiter) waiter(report);
		else reports.push(report);
	});
	const next = () =>
		new Promise<BareReport>((resolve) => {
			const ready = reports.shift();
			if (ready) resolve(ready);
			else waiting.push(resolve);
		});
	const first = await next();
	if (first.type !== 'listening') throw new Error('The bare server did not start.');
	const server = serverProcess(child, `http://127.0.0.1:${first.port}`);
	return { ...server, order: (o) => child.send(o), next };
}

/**
 * BENCH_PROFILE_DIR=<dir>: the server runs with --cpu-prof and is stopped with SIGTERM, so
 * that Node writes its profile there (a SIGKILL would lose it).
 */
function profileArgs(): string[] {
	const dir = process.env.BENCH_PROFILE_DIR;
	return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

function serverProcess(child: ChildProcess, url: string): ServerProcess {
	if (child.pid === undefined) throw new Error('The server process has no pid.');
	return {
		child,
		pid: child.pid,
		url,
		kill: () =>
			new Promise((resolve) => {
				if (child.exitCode !== null || child.signalCode !== null) return resolve();
				child.once('exit', () => resolve());
				child.kill(process.env.BENCH_PROFILE_DIR ? 'SIGTERM' : 'SIGKILL');
			})
	};
}

function pipeTo(child: ChildProcess, logFile: string): void {
	const log = createWriteStream(logFile, { flags: 'a' });
	child.stdout?.pipe(log);
	child.stderr?.pipe(log);
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`The server exited (code ${child.exitCode}).`);
		const status = await fetch(`${url}/login`).then(
			(response) => response.status,
			() => 0
		);
		// 503 means server.js listens but the app is still booting (migrations).
		if (status !== 0 && status !== 503) return;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`The server did not answer at ${url} within ${timeoutMs / 1000} s.`);
}

/** Resident memory now and at its peak, in kB, from /proc (Linux). */
export function readMemory(pid: number): { rssKb: number; peakKb: number } {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1]);
	return { rssKb: field('VmRSS'), peakKb: field('VmHWM') };
}

/** CPU seconds (user + system) the process has used so far. */
export function readCpuSeconds(pid: number): number {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	// Fields after the command name (which may hold spaces): utime is 14th, stime 15th overall.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	const ticksPerSecond = 100;
	return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}
