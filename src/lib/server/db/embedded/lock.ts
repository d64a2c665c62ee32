/** The data directory and its lock file: one Nightshift process per data directory. */
import { readFileSync, unlinkSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../log';
import { EmbeddedDatabaseError, errnoCode, errorText } from './errors';
import { isProcessAlive, parsePid } from './processes';
import { sleep } from './timing';

const LOCK_FILE = 'nightshift.lock';

/** Lock files this process holds, so a pid we reuse (e.g. PID 1 in a container) is not "us". */
const heldLocks = new Set<string>();

export interface DataDirLock {
	release(): Promise<void>;
}

export async function createDataDir(dataDir: string): Promise<void> {
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

export async function acquireLock(dataDir: string, log: Logger): Promise<DataDirLock> {
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
			'The embedded database serves one node only: to run several Nightshift nodes, give them all ' +
			'the same PostgreSQL server with DATABASE_URL. Otherwise stop that process first, or set ' +
			'NIGHTSHIFT_DATA_DIR to a different directory. ' +
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
