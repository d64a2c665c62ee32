/**
 * The baseline: a plain socket.io server (no authentication, database, adapter or presence)
 * that broadcasts the same event payloads to one room at the same steady rate. Its
 * `recordedAt` is the send time, so its latency is send-to-receipt.
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import type {
	ClientToServerEvents,
	ServerToClientEvents,
	StreamEvent
} from '../../src/lib/realtime/protocol';
import type { BareOrder, BareReport } from './messages';

const ROOM = 'bench';
const port = Number(process.env.PORT ?? 0);

/**
 * `POST /command` (bench:ceiling): the bare counterpart of a Nightshift command — no
 * authentication, validation or database — broadcasts the sample event and answers its seq.
 * `{ "room": "hot" }` goes to the room the clients joined; anything else to an empty one.
 */
let sample: StreamEvent | null = null;
let hotSeq = 0;
let otherSeq = 0;
const httpServer = createServer((req, res) => {
	if (req.method !== 'POST' || req.url !== '/command') return;
	const chunks: Buffer[] = [];
	req.on('data', (chunk: Buffer) => chunks.push(chunk));
	req.on('end', () => {
		const hot = Buffer.concat(chunks).toString('utf8').includes('"hot"');
		const seq = hot ? ++hotSeq : ++otherSeq;
		const recordedAt = new Date().toISOString();
		if (sample) {
			io.to(hot ? ROOM : 'elsewhere').emit('event', {
				...sample,
				seq,
				recordedAt,
				occurredAt: recordedAt
			});
		}
		res.writeHead(201, { 'content-type': 'application/json' });
		res.end(JSON.stringify({ seq }));
	});
});
const io = new Server<ClientToServerEvents, ServerToClientEvents>(httpServer, {
	serveClient: false
});

io.on('connection', (socket) => {
	socket.on('room:join', (_room, reply) => {
		void socket.join(ROOM);
		reply({ ok: true, latestSeq: 0, people: [], present: 0 });
	});
});

function report(message: BareReport): void {
	process.send?.(message);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends `rate` events a second on a fixed schedule, as the Nightshift driver does. */
async function broadcast(rate: number, seconds: number, sample: StreamEvent): Promise<void> {
	const total = Math.round(rate * seconds);
	const interval = 1000 / rate;
	const started = performance.now();
	for (let seq = 1; seq <= total; seq++) {
		await sleep(started + (seq - 1) * interval - performance.now());
		const recordedAt = new Date().toISOString();
		io.to(ROOM).emit('event', { ...sample, seq, recordedAt, occurredAt: recordedAt });
	}
	report({ type: 'sent', lastSeq: total });
}

process.on('message', (order: BareOrder) => {
	if (order.type === 'broadcast') void broadcast(order.rate, order.seconds, order.sample);
	else if (order.type === 'sample') sample = order.sample;
	else process.exit(0);
});
process.on('disconnect', () => process.exit(0));

httpServer.listen(port, '127.0.0.1', () => {
	const address = httpServer.address();
	report({ type: 'listening', port: typeof address === 'object' && address ? address.port : port });
});
