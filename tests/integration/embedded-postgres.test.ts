import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import postgres from 'postgres';
import { afterEach, describe, expect, it } from 'vitest';
import {
	EmbeddedDatabaseError,
	startEmbeddedDatabase,
	type EmbeddedDatabase
} from '../../src/lib/server/db/embedded';
import type { Logger } from '../../src/lib/server/log';

// initdb plus a first start take a few seconds; recovery waits for a shutdown on top.
const TIMEOUT_MS = 90_000;
const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MODULE_PATH = fileURLToPath(
	new URL('../../src/lib/server/db/embedded/index.ts', import.meta.url)
);
const LOG_PATH = fileURLToPath(new URL('../../src/lib/server/log.ts', import.meta.url));
const isRoot = process.getuid?.() === 0;

interface LogEntry {
	level: number;
	msg: string;
	pid?: number;
}

const databases: EmbeddedDatabase[] = [];
const children: ChildProcess[] = [];
const servers: Server[] = [];
const tempRoots: string[] = [];

afterEach(async () => {
	await Promise.allSettled(databases.splice(0).map((db) => db.stop()));
	for (const child of children.splice(0)) child.kill('SIGKILL');
	for (const server of servers.splice(0)) server.close();
	for (const root of tempRoots.splice(0)) {
		await killLeftoverPostgres(join(root, 'data', 'pg'));
		await rm(root, { recursive: true, force: true });
	}
});

/** A fresh data directory the postgres user can reach (mkdtemp makes its directory 0700). */
async function makeDataDir(): Promise<{ root: string; dataDir: string }> {
	const root = await mkdtemp(join(tmpdir(), 'nightshift-pg-test-'));
	tempRoots.push(root);
	await chmod(root, 0o755);
	return { root, dataDir: join(root, 'data') };
}

function captureLog(): { log: Logger; entries: LogEntry[] } {
	const entries: LogEntry[] = [];
	const log = pino(
		{ level: 'debug' },
		{ write: (line: string) => entries.push(JSON.parse(line) as LogEntry) }
	);
	return { log, entries };
}

async function start(options: { dataDir: string; port?: number; log?: Logger }) {
	const db = await startEmbeddedDatabase({ log: captureLog().log, ...options });
	databases.push(db);
	return db;
}

async function withSql<T>(url: string, run: (sql: postgres.Sql) => Promise<T>): Promise<T> {
	const sql = postgres(url, { max: 1, onnotice: () => undefined });
	try {
		return await run(sql);
	} finally {
		await sql.end({ timeout: 5 });
	}
}

async function postmasterPid(clusterDir: string): Promise<number | undefined> {
	const text = await readFile(join(clusterDir, 'postmaster.pid'), 'utf8').catch(() => '');
	const pid = Number.parseInt(text.split('\n')[0] ?? '', 10);
	return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
	} catch {
		return false;
	}
	// A killed orphan may linger as a zombie if nothing reaps it.
	let statLine = '';
	try {
		statLine = readFileSync(`/proc/${pid}/stat`, 'utf8');
	} catch {
		return true;
	}
	return !statLine.slice(statLine.lastIndexOf(')') + 2).startsWith('Z');
}

async function waitUntilDead(pid: number, timeoutMs = 20_000): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (!isAlive(pid)) return true;
		await new Promise((done) => setTimeout(done, 100));
	}
	return false;
}

async function killLeftoverPostgres(clusterDir: string): Promise<void> {
	const pid = await postmasterPid(clusterDir);
	if (pid === undefined || !isAlive(pid)) return;
	process.kill(pid, 'SIGQUIT');
	if (!(await waitUntilDead(pid, 5_000))) process.kill(pid, 'SIGKILL');
}

async function rejection(promise: Promise<unknown>): Promise<EmbeddedDatabaseError> {
	const error = await promise.then(
		() => undefined,
		(reason: unknown) => reason
	);
	expect(error).toBeInstanceOf(EmbeddedDatabaseError);
	if (!(error instanceof EmbeddedDatabaseError)) throw new Error('expected a rejection');
	return error;
}

async function exitedProcessPid(): Promise<number> {
	const child = spawn('true');
	await once(child, 'exit');
	if (child.pid === undefined) throw new Error('could not spawn true');
	return child.pid;
}

/** Runs the app's start in another node process, prints its URL, then idles until killed. */
async function startInChildProcess(
	root: string,
	dataDir: string
): Promise<ChildProcess & { url: string }> {
	const script = join(root, 'owner.mts');
	await writeFile(
		script,
		[
			`import { startEmbeddedDatabase } from ${JSON.stringify(MODULE_PATH)};`,
			`import { log } from ${JSON.stringify(LOG_PATH)};`,
			`const db = await startEmbeddedDatabase({ dataDir: ${JSON.stringify(dataDir)}, log });`,
			`console.log('READY ' + JSON.stringify({ url: db.url }));`,
			'setInterval(() => undefined, 60_000);'
		].join('\n')
	);
	const child = spawn(process.execPath, ['--import', 'tsx', script], {
		cwd: PROJECT_ROOT,
		env: { ...process.env, LOG_LEVEL: 'warn' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	children.push(child);
	const url = await readReadyLine(child);
	return Object.assign(child, { url });
}

function readReadyLine(child: ChildProcess): Promise<string> {
	return new Promise((resolveUrl, reject) => {
		let stdout = '';
		let stderr = '';
		child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.stdout?.on('data', (chunk: Buffer) => {
			stdout += chunk.toString();
			const line = stdout.split('\n').find((candidate) => candidate.startsWith('READY '));
			if (line) resolveUrl((JSON.parse(line.slice('READY '.length)) as { url: string }).url);
		});
		child.once('exit', (code) => reject(new Error(`child exited (${code}): ${stderr}`)));
	});
}

function listenOnLoopback(): Promise<{ server: Server; port: number }> {
	return new Promise((resolveServer, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen({ port: 0, host: '127.0.0.1' }, () => {
			servers.push(server);
			const address = server.address();
			if (typeof address !== 'object' || address === null) return reject(new Error('no port'));
			resolveServer({ server, port: address.port });
		});
	});
}

describe('startEmbeddedDatabase', () => {
	it(
		'initialises a cluster, keeps its data across a restart and listens on loopback only',
		async () => {
			const { dataDir } = await makeDataDir();
			const first = await start({ dataDir });
			const url = new URL(first.url);
			expect(url.protocol).toBe('postgres:');
			expect(url.hostname).toBe('127.0.0.1');
			expect(url.pathname).toBe('/nightshift');
			expect(first.port).not.toBe(5432);
			expect(first.dataDir).toBe(dataDir);
			expect((await readFile(join(dataDir, 'nightshift.lock'), 'utf8')).trim()).toBe(
				String(process.pid)
			);
			if (isRoot) expect((await stat(join(dataDir, 'pg'))).uid).not.toBe(0);

			await withSql(first.url, async (sql) => {
				await sql`create table incidents (id int primary key, title text not null)`;
				await sql`insert into incidents values (1, 'pager storm')`;
				const [settings] = await sql`
					select current_setting('listen_addresses') as listen,
						current_setting('unix_socket_directories') as sockets,
						current_setting('password_encryption') as encryption`;
				expect(settings).toEqual({ listen: '127.0.0.1', sockets: '', encryption: 'scram-sha-256' });
				const methods = await sql`select distinct auth_method from pg_hba_file_rules`;
				expect(methods.map((row) => row.auth_method)).toEqual(['scram-sha-256']);
			});

			await first.stop();
			await first.stop(); // idempotent
			await expect(stat(join(dataDir, 'nightshift.lock'))).rejects.toThrow();
			expect(await postmasterPid(join(dataDir, 'pg'))).toBeUndefined();

			const second = await start({ dataDir });
			expect(new URL(second.url).password).toBe(url.password);
			const rows = await withSql(second.url, (sql) => sql`select title from incidents`);
			expect(rows.map((row) => row.title)).toEqual(['pager storm']);
			await second.stop();
		},
		TIMEOUT_MS
	);

	it(
		'refuses a second start on the same data directory, naming the pid',
		async () => {
			const { dataDir } = await makeDataDir();
			const first = await start({ dataDir });
			const error = await rejection(start({ dataDir }));
			expect(error.message).toContain(`pid ${process.pid}`);
			expect(error.message).toContain(dataDir);
			// The refused start must leave the running one alone.
			const [row] = await withSql(first.url, (sql) => sql`select 1 as ok`);
			expect(row?.ok).toBe(1);
			expect((await readFile(join(dataDir, 'nightshift.lock'), 'utf8')).trim()).toBe(
				String(process.pid)
			);
		},
		TIMEOUT_MS
	);

	it(
		'refuses a lock held by another live process and takes over a stale one',
		async () => {
			const { dataDir } = await makeDataDir();
			const sleeper = spawn('sleep', ['60']);
			children.push(sleeper);
			await once(sleeper, 'spawn');
			await mkdir(dataDir);
			await writeFile(join(dataDir, 'nightshift.lock'), `${sleeper.pid}\n`);

			const error = await rejection(start({ dataDir }));
			expect(error.message).toContain(`Another Nightshift process (pid ${sleeper.pid})`);

			sleeper.kill('SIGKILL');
			await once(sleeper, 'exit');
			const { log, entries } = captureLog();
			await start({ dataDir, log });
			expect(entries.some((entry) => entry.msg.includes('taking over the lock'))).toBe(true);
		},
		TIMEOUT_MS
	);

	it(
		'recovers a PostgreSQL left running by an app that was SIGKILLed',
		async () => {
			const { root, dataDir } = await makeDataDir();
			const clusterDir = join(dataDir, 'pg');
			const owner = await startInChildProcess(root, dataDir);
			await withSql(owner.url, async (sql) => {
				await sql`create table shifts (who text)`;
				await sql`insert into shifts values ('night owl')`;
			});
			const orphanPid = await postmasterPid(clusterDir);
			if (orphanPid === undefined) throw new Error('the child did not start PostgreSQL');

			owner.kill('SIGKILL');
			await once(owner, 'exit');
			expect(isAlive(orphanPid)).toBe(true);

			const { log, entries } = captureLog();
			const db = await start({ dataDir, log });
			expect(isAlive(orphanPid)).toBe(false);
			expect(await postmasterPid(clusterDir)).not.toBe(orphanPid);
			const recovered = entries.find((entry) => entry.msg.startsWith('recovered'));
			expect(recovered?.pid).toBe(orphanPid);
			const rows = await withSql(db.url, (sql) => sql`select who from shifts`);
			expect(rows.map((row) => row.who)).toEqual(['night owl']);
		},
		TIMEOUT_MS
	);

	it(
		'starts over a postmaster.pid whose process is gone',
		async () => {
			const { dataDir } = await makeDataDir();
			const clusterDir = join(dataDir, 'pg');
			await (await start({ dataDir })).stop();
			const deadPid = await exitedProcessPid();
			await writeFile(join(clusterDir, 'postmaster.pid'), `${deadPid}\n${clusterDir}\n`);

			const db = await start({ dataDir });
			const pid = await postmasterPid(clusterDir);
			expect(pid).not.toBe(deadPid);
			const [row] = await withSql(db.url, (sql) => sql`select 1 as ok`);
			expect(row?.ok).toBe(1);
		},
		TIMEOUT_MS
	);

	it(
		'refuses an explicitly requested port that is taken',
		async () => {
			const { dataDir } = await makeDataDir();
			const { port } = await listenOnLoopback();
			const error = await rejection(start({ dataDir, port }));
			expect(error.message).toContain(`Port ${port} on 127.0.0.1 is already in use`);

			// The failed start released the lock; without a port a free one is chosen.
			const db = await start({ dataDir });
			expect(db.port).not.toBe(port);
			expect(db.port).not.toBe(5432);
		},
		TIMEOUT_MS
	);

	it(
		'uses an explicitly requested free port',
		async () => {
			const { dataDir } = await makeDataDir();
			const { server, port } = await listenOnLoopback();
			await new Promise((done) => server.close(done));
			const db = await start({ dataDir, port });
			expect(db.port).toBe(port);
			expect(new URL(db.url).port).toBe(String(port));
		},
		TIMEOUT_MS
	);

	it(
		'generates a random password, kept in a file only its owner can read',
		async () => {
			const [a, b] = await Promise.all([makeDataDir(), makeDataDir()]);
			if (!a || !b) throw new Error('no data dirs');
			const first = await start({ dataDir: a.dataDir });
			const second = await start({ dataDir: b.dataDir });
			const password = decodeURIComponent(new URL(first.url).password);
			expect(password.length).toBeGreaterThanOrEqual(32);
			expect(password).not.toBe(decodeURIComponent(new URL(second.url).password));
			expect(password).not.toBe('password');

			const file = join(a.dataDir, 'postgres-password');
			expect((await readFile(file, 'utf8')).trim()).toBe(password);
			expect((await stat(file)).mode & 0o777).toBe(0o600);

			const wrong = new URL(first.url);
			wrong.password = 'password';
			const failure = await withSql(wrong.href, (sql) => sql`select 1`).catch((e: unknown) => e);
			expect(failure).toMatchObject({ code: '28P01' });
		},
		TIMEOUT_MS
	);

	it(
		'includes the last lines PostgreSQL printed when it cannot start',
		async () => {
			const { dataDir } = await makeDataDir();
			await (await start({ dataDir })).stop();
			await rm(join(dataDir, 'pg', 'global', 'pg_control'));

			const error = await rejection(start({ dataDir }));
			expect(error.message).toContain('PostgreSQL could not start');
			expect(error.message).toContain('pg_control');
			// The lock is released so the operator can retry after repairing.
			await expect(stat(join(dataDir, 'nightshift.lock'))).rejects.toThrow();
		},
		TIMEOUT_MS
	);

	it.runIf(isRoot)(
		'names the directory that keeps the postgres user out of the data directory',
		async () => {
			const { root } = await makeDataDir();
			const closed = join(root, 'closed');
			await mkdir(closed, { mode: 0o700 });
			await chmod(closed, 0o700);
			const error = await rejection(start({ dataDir: join(closed, 'data') }));
			expect(error.message).toContain(`cannot enter ${closed},`);
			expect(error.message).toContain('NIGHTSHIFT_DATA_DIR');
			expect(error.message).toContain(`chmod o+x ${closed}`);
		},
		TIMEOUT_MS
	);
});
