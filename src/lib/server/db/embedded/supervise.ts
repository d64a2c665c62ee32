/** Child processes we spawn (initdb, postgres): their output, their exit, stopping them. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Logger } from '../../log';
import { EmbeddedDatabaseError, errorText } from './errors';
import type { OsUser } from './os-user';
import { SHUTDOWN_STEPS } from './processes';
import { within } from './timing';

const OUTPUT_TAIL_LINES = 20;

export interface Supervised {
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

export async function supervise(
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
	return track(child, tail);
}

function track(child: ChildProcess, tail: string[]): Supervised {
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

export function formatTail(tail: string[]): string {
	if (tail.length === 0) return ' It printed nothing.';
	return ` Its last output was:\n${tail.map((line) => `  | ${line}`).join('\n')}`;
}

export async function stopSupervised(proc: Supervised, log: Logger): Promise<void> {
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
