/** The loopback port PostgreSQL listens on: requested by the operator or picked free. */
import { createServer } from 'node:net';
import { EmbeddedDatabaseError, errnoCode, errorText } from './errors';
import { HOST } from './settings';

export function assertValidPort(port: number): void {
	if (!Number.isInteger(port) || port < 1 || port > 65_535) {
		throw new EmbeddedDatabaseError(
			`The database port must be a whole number from 1 to 65535, not ${port}.`
		);
	}
}

export function portTakenMessage(port: number): string {
	return (
		`Port ${port} on ${HOST} is already in use, so the embedded PostgreSQL cannot listen on it. ` +
		'Stop the program using that port, choose another port, or leave the port unset to pick ' +
		'a free one automatically.'
	);
}

export async function assertPortFree(port: number): Promise<void> {
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

export async function pickFreePort(): Promise<number> {
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
