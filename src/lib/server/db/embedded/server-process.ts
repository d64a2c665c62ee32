/** The postgres server process: started detached, watched until ready, stopped on request. */
import type { Logger } from '../../log';
import type { Context } from './context';
import { EmbeddedDatabaseError, PortInUseError } from './errors';
import { assertPortFree, pickFreePort, portTakenMessage } from './ports';
import { readPostmasterPid } from './postmaster-pid';
import { HOST, POLL_MS } from './settings';
import { formatTail, stopSupervised, supervise, type Supervised } from './supervise';
import { within } from './timing';

// Generous: after a crash PostgreSQL replays WAL before it accepts connections.
const STARTUP_TIMEOUT_MS = 120_000;
const AUTO_PORT_ATTEMPTS = 3;

export interface RunningServer {
	port: number;
	stop(): Promise<void>;
}

export async function launchServer(
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
	// Detached (own session) so a Ctrl+C in the terminal reaches only the app, which closes its
	// HTTP server and then calls stop(); otherwise PostgreSQL would shut down mid-request.
	const proc = await supervise(ctx.binaries.postgres, serverArgs(ctx.clusterDir, port), {
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

function serverArgs(clusterDir: string, port: number): string[] {
	return [
		'-D',
		clusterDir,
		'-c',
		`listen_addresses=${HOST}`,
		'-c',
		`port=${port}`,
		'-c',
		'unix_socket_directories=',
		'-c',
		'logging_collector=off'
	];
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
