import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
	body: string;
	headers: IncomingHttpHeaders;
	path: string;
}

/**
 * A real HTTP receiver on loopback. `answer` decides each response (by call number, from 1);
 * every request is recorded.
 */
export async function startReceiver(
	answer: (
		n: number,
		request: Received
	) => { status: number; headers?: Record<string, string>; body?: string } = () => ({
		status: 200
	})
): Promise<{ url: string; received: Received[]; close: () => Promise<void>; server: Server }> {
	const received: Received[] = [];
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const request = {
				body: Buffer.concat(chunks).toString('utf8'),
				headers: req.headers,
				path: req.url ?? '/'
			};
			received.push(request);
			const out = answer(received.length, request);
			res
				.writeHead(out.status, { 'content-type': 'text/plain', ...out.headers })
				.end(out.body ?? 'ok');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/hooks`,
		received,
		server,
		close: () => new Promise((resolve) => server.close(() => resolve()))
	};
}

/** Waits until `check` holds (the queue works in the background); no timing is asserted. */
export async function until<T>(
	check: () => Promise<T | null | undefined | false> | T | null | undefined | false,
	what: string,
	timeoutMs = 30_000
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 100));
	}
}
