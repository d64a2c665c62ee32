/** What the benchmark's parent process and its client worker processes say to each other. */
import type { RoomRef, StreamEvent } from '../../src/lib/realtime/protocol';

export interface ConnectOrder {
	type: 'connect';
	url: string;
	/** One session token per client; the bare server ignores them. */
	tokens: string[];
	room: RoomRef;
	/** How many people each client must see in the room before it counts as settled. */
	expectedPeople: number;
	/** Connections this worker opens at once. */
	concurrency: number;
	timeoutMs: number;
	/** Parse presence lists in full (as a browser does) rather than count their entries. */
	decodePresence: boolean;
}

export interface FinishOrder {
	type: 'finish';
	/** The last sequence number sent: every client should have everything up to it. */
	lastSeq: number;
	graceMs: number;
}

/** Report the latencies recorded since the last flush, and forget them (bench:ceiling). */
export interface FlushOrder {
	type: 'flush';
}

export type WorkerOrder = ConnectOrder | FinishOrder | FlushOrder | { type: 'exit' };

export interface JoinedReport {
	type: 'joined';
	joined: number;
	failed: number;
	/** A few failure messages, to say why. */
	failures: string[];
	/** Per client: from starting to connect until the join was acknowledged. */
	joinMs: number[];
}

export interface SettledReport {
	type: 'settled';
	/** False when presence went quiet before every client saw everyone (a failed join). */
	complete: boolean;
	presenceMessages: number;
	/** Presence packets' size, summed (the fan-out's volume). */
	presenceBytes: number;
	/** Connections lost so far (while connecting and settling), by reason. */
	disconnects: Record<string, number>;
}

export interface ResultReport {
	type: 'result';
	clients: number;
	/** Commit-to-receipt (or send-to-receipt) latency in ms of every delivered event. */
	latencies: number[];
	expected: number;
	delivered: number;
	lost: number;
	duplicated: number;
	outOfOrder: number;
	disconnects: Record<string, number>;
}

/** What arrived since the previous flush: one latency per first delivery. */
export interface WindowReport {
	type: 'window';
	latencies: number[];
}

export type WorkerReport =
	{ type: 'ready' } | JoinedReport | SettledReport | ResultReport | WindowReport;

/** Orders to the bare socket.io server process. */
export type BareOrder =
	| { type: 'broadcast'; rate: number; seconds: number; sample: StreamEvent }
	/** The event `POST /command` broadcasts (bench:ceiling drives the bare server over HTTP). */
	| { type: 'sample'; sample: StreamEvent }
	| { type: 'exit' };

export type BareReport = { type: 'listening'; port: number } | { type: 'sent'; lastSeq: number };
