/** A server left running by a killed app. */
import { readFile, readlink, realpath, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Context } from './context';
import { EmbeddedDatabaseError } from './errors';
import { readPostmasterPid } from './postmaster-pid';
import { isProcessAlive, stopPid } from './processes';

/** Our lock was free, so a live postmaster on our cluster belongs to an app that was killed. */
export async function stopOrphanedServer(ctx: Context): Promise<void> {
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
