/** Processes known only by their pid: a lock holder, a postmaster left by a killed app. */
import { readFileSync } from 'node:fs';
import type { Logger } from '../../log';
import { errnoCode } from './errors';
import { POLL_MS } from './settings';
import { sleep } from './timing';

// SIGINT is PostgreSQL's fast shutdown (clean checkpoint); SIGQUIT an immediate one (crash
// recovery on the next start); SIGKILL only if the server is wedged.
export const SHUTDOWN_STEPS = [
	{ signal: 'SIGINT', waitMs: 30_000 },
	{ signal: 'SIGQUIT', waitMs: 10_000 },
	{ signal: 'SIGKILL', waitMs: 5_000 }
] as const;

export function parsePid(text: string): number | undefined {
	const firstLine = text.split('\n', 1)[0]?.trim() ?? '';
	if (!/^\d+$/.test(firstLine)) return undefined;
	const pid = Number(firstLine);
	// pid 0 would make process.kill() signal our whole process group.
	return pid > 0 ? pid : undefined;
}

export function isProcessAlive(pid: number): boolean {
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

/** Signals `pid` through SHUTDOWN_STEPS; whether it is gone in the end. */
export async function stopPid(pid: number, log: Logger): Promise<boolean> {
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
