// Production entry: SvelteKit's handler and socket.io on ONE port. The app boots itself
// (database, migrations, realtime) when the handler is imported, through the same code as dev.
import { createServer } from 'node:http';
import compression from 'compression';

const PORT = Number(process.env.PORT ?? 3000);
const HOST = process.env.HOST ?? '0.0.0.0';
const registry = /** @type {Record<symbol, unknown>} */ (globalThis);

// Inventory imports may reach 1 MB; adapter-node's default limit is 512 KB.
process.env.BODY_SIZE_LIMIT ??= '2M';

// adapter-node takes every request for https unless told otherwise. With no ORIGIN and no
// proxy header configured, this is a plain local start: say http, whatever host was used
// (localhost, 127.0.0.1 or a LAN address), through a header only this process sets.
const LOCAL_PROTOCOL_HEADER = 'x-nightshift-local-protocol';
const plainHttp = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
if (plainHttp) process.env.PROTOCOL_HEADER = LOCAL_PROTOCOL_HEADER;

/** @type {import('node:http').RequestListener | undefined} */
let app;
// Every dynamic answer (pages, __data.json, the JSON API) goes out gzip- or brotli-compressed
// when the request accepts it: a long night's room is mostly repetitive JSON and HTML, and a
// thin link abroad pays for every byte. Static assets keep their precompressed files (an
// answer that already has a Content-Encoding is left alone), websocket upgrades never reach
// this listener, and event streams are not buffered by a compressor. Answers under 1 KB
// (the middleware's default threshold) go out plain: compressing them would not pay.
const compress = compression({
	filter: (req, res) =>
		!String(res.getHeader('content-type') ?? '').startsWith('text/event-stream') &&
		compression.filter(req, res)
});
// socket.io wraps the listeners present when it attaches: register ours first, fill it in later.
const httpServer = createServer((req, res) => {
	if (plainHttp) req.headers[LOCAL_PROTOCOL_HEADER] = 'http';
	const handle = app;
	if (handle) return compress(req, res, () => handle(req, res));
	res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '2' }).end('Starting…');
});
httpServer.keepAliveTimeout = 65_000;
registry[Symbol.for('nightshift.httpServer')] = httpServer;

const { handler } = await import('./build/handler.js');
app = handler;

httpServer.listen(PORT, HOST, () => {
	console.log(`Nightshift listening on http://${HOST === '0.0.0.0' ? 'localhost' : HOST}:${PORT}`);
});

let stopping = false;
async function stop(signal) {
	if (stopping) return;
	stopping = true;
	console.log(`${signal}: stopping Nightshift…`);
	const force = setTimeout(() => process.exit(1), 15_000);
	force.unref();
	httpServer.close();
	httpServer.closeAllConnections?.();
	const shutdown = registry[Symbol.for('nightshift.shutdown')];
	if (typeof shutdown === 'function') await shutdown();
	process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
