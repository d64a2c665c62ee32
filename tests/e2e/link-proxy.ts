import net from 'node:net';

/**
 * A bad network link between a browser and the app, at the TCP level so HTTP and websockets
 * see the same thing (Playwright's setOffline does not close an open websocket, and Chromium's
 * latency emulation does not delay websocket frames). Every chunk is delayed in each direction;
 * `cut()` drops every open connection and refuses new ones until `restore()`.
 */
export class LinkProxy {
	#server: net.Server;
	#sockets = new Set<net.Socket>();
	#cut = false;
	delayMs: number;

	constructor(
		private readonly targetPort: number,
		options: { delayMs?: number } = {}
	) {
		this.delayMs = options.delayMs ?? 0;
		this.#server = net.createServer((client) => this.#accept(client));
	}

	async listen(): Promise<number> {
		await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
		const address = this.#server.address();
		if (!address || typeof address === 'string') throw new Error('proxy has no port');
		return address.port;
	}

	cut() {
		this.#cut = true;
		for (const socket of this.#sockets) socket.destroy();
		this.#sockets.clear();
	}

	restore() {
		this.#cut = false;
	}

	async close() {
		this.cut();
		await new Promise<void>((resolve) => this.#server.close(() => resolve()));
	}

	#accept(client: net.Socket) {
		if (this.#cut) {
			client.resetAndDestroy();
			return;
		}
		const upstream = net.connect(this.targetPort, '127.0.0.1');
		this.#track(client);
		this.#track(upstream);
		this.#pipe(client, upstream);
		this.#pipe(upstream, client);
		const closeBoth = () => {
			client.destroy();
			upstream.destroy();
		};
		client.on('close', closeBoth);
		upstream.on('close', closeBoth);
		client.on('error', closeBoth);
		upstream.on('error', closeBoth);
	}

	#track(socket: net.Socket) {
		this.#sockets.add(socket);
		socket.on('close', () => this.#sockets.delete(socket));
	}

	/** Same delay for every chunk: timers of equal delay fire in order, so order is kept. */
	#pipe(from: net.Socket, to: net.Socket) {
		from.on('data', (chunk) => {
			const forward = () => {
				if (!to.destroyed) to.write(chunk);
			};
			if (this.delayMs > 0) setTimeout(forward, this.delayMs);
			else forward();
		});
		from.on('end', () => setTimeout(() => to.end(), this.delayMs));
	}
}
