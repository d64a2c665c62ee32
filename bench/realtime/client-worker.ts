/**
 * A client process of the benchmark (child_process.fork): holds its share of the N socket.io
 * connections, joins them to the room, and records for every event its latency and whether
 * its sequence number came once and in order. Reports to the parent over IPC.
 */
import { io, type Socket } from 'socket.io-client';
import type {
	ClientToServerEvents,
	ServerToClientEvents,
	StreamEvent
} from '../../src/lib/realtime/protocol';
import type { ConnectOrder, FinishOrder, WorkerOrder, WorkerReport } from './messages';
import { presenceParser, type PresenceSeen } from './presence-parser';
import { SeqTracker } from './seq';

type BenchSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

interface Client {
	tracker: SeqTracker;
	/** The most people this client has been told are in the room. */
	maxPeople: number;
}

const clients: Client[] = [];
const latencies: number[] = [];
const disconnects: Record<string, number> = {};
let presenceMessages = 0;
let presenceBytes = 0;
let lastPresenceAt = 0;
/** Presence that stays quiet this long is over, even if someone never made it in. */
const QUIET_MS = 5000;

/** Wall-clock milliseconds with sub-millisecond precision (same clock as Date.now()). */
const now = () => performance.timeOrigin + performance.now();

function report(message: WorkerReport): void {
	process.send?.(message);
}

function onEvent(client: Client, event: StreamEvent): void {
	const receivedAt = now();
	if (client.tracker.receive(event.seq)) latencies.push(receivedAt - Date.parse(event.recordedAt));
}

function onPresence(client: Client, seen: PresenceSeen): void {
	presenceMessages += 1;
	presenceBytes += seen.bytes;
	lastPresenceAt = Date.now();
	client.maxPeople = Math.max(client.maxPeople, seen.present);
}

async function connectOne(order: ConnectOrder, token: string): Promise<Client> {
	const client: Client = { tracker: new SeqTracker(), maxPeople: 0 };
	const socket: BenchSocket = io(order.url, {
		transports: ['websocket'],
		extraHeaders: { cookie: `nightshift_session=${token}` },
		reconnection: false,
		// One connection per client: without it, clients of one URL share a Manager.
		forceNew: true,
		timeout: order.timeoutMs,
		parser: presenceParser((seen) => onPresence(client, seen), order.decodePresence)
	});
	socket.on('event', (event) => onEvent(client, event));
	try {
		await new Promise<void>((resolve, reject) => {
			socket.once('connect', resolve);
			socket.once('connect_error', reject);
		});
		const reply = await socket.timeout(order.timeoutMs).emitWithAck('room:join', order.room);
		if (!reply.ok) throw new Error(reply.error);
		client.tracker.start(reply.latestSeq);
		client.maxPeople = Math.max(client.maxPeople, reply.present);
	} catch (error) {
		socket.disconnect();
		throw error;
	}
	socket.on('disconnect', (reason) => {
		disconnects[reason] = (disconnects[reason] ?? 0) + 1;
	});
	return client;
}

async function connectAll(order: ConnectOrder): Promise<void> {
	const joinMs: number[] = [];
	const failures: string[] = [];
	let failed = 0;
	let next = 0;
	const lane = async () => {
		while (next < order.tokens.length) {
			const token = order.tokens[next++] ?? '';
			const started = performance.now();
			try {
				clients.push(await connectOne(order, token));
				joinMs.push(performance.now() - started);
			} catch (error) {
				failed += 1;
				if (failures.length < 5) failures.push(error instanceof Error ? error.message : `${error}`);
			}
		}
	};
	await Promise.all(Array.from({ length: order.concurrency }, lane));
	report({ type: 'joined', joined: clients.length, failed, failures, joinMs });
	const everyone = () => clients.every((c) => c.maxPeople >= order.expectedPeople);
	const joinedAt = Date.now();
	const quiet = () => Date.now() - Math.max(joinedAt, lastPresenceAt) > QUIET_MS;
	await until(() => everyone() || quiet(), 100);
	report({
		type: 'settled',
		complete: everyone(),
		presenceMessages,
		presenceBytes,
		disconnects: { ...disconnects }
	});
}

async function finish(order: FinishOrder): Promise<void> {
	const deadline = Date.now() + order.graceMs;
	await until(
		() => Date.now() > deadline || clients.every((c) => c.tracker.highest >= order.lastSeq),
		50
	);
	let expected = 0;
	let delivered = 0;
	let duplicated = 0;
	let outOfOrder = 0;
	for (const { tracker } of clients) {
		expected += tracker.expected(order.lastSeq);
		delivered += tracker.delivered(order.lastSeq);
		duplicated += tracker.duplicated;
		outOfOrder += tracker.outOfOrder;
	}
	report({
		type: 'result',
		clients: clients.length,
		latencies,
		expected,
		delivered,
		lost: expected - delivered,
		duplicated,
		outOfOrder,
		disconnects
	});
}

function until(done: () => boolean, everyMs: number): Promise<void> {
	return new Promise((resolve) => {
		const check = () => (done() ? resolve() : setTimeout(check, everyMs));
		check();
	});
}

process.on('message', (order: WorkerOrder) => {
	if (order.type === 'connect') void connectAll(order);
	else if (order.type === 'finish') void finish(order);
	else if (order.type === 'flush') report({ type: 'window', latencies: latencies.splice(0) });
	else process.exit(0);
});
// The parent went away: nothing left to report to.
process.on('disconnect', () => process.exit(0));
report({ type: 'ready' });
