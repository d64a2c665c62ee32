import { db } from '../db/db';
import { log } from '../log';
import type { NightshiftServer } from './types';

const STREAM_ROOM = /^(organization|incident):([0-9a-f-]{36})$/;

/**
 * Every room on this node regularly hears its stream's latest sequence number, so a publish
 * lost between commit and emit (a crash) still shows up as a gap and the client resyncs.
 */
export function startHeartbeat(io: NightshiftServer, intervalMs = 10_000): () => void {
	const timer = setInterval(() => {
		beat(io).catch((error: unknown) => log.warn({ err: error }, 'heartbeat failed'));
	}, intervalMs);
	timer.unref();
	return () => clearInterval(timer);
}

async function beat(io: NightshiftServer) {
	const rooms = new Map<string, string>();
	for (const room of io.of('/').adapter.rooms.keys()) {
		const match = STREAM_ROOM.exec(room);
		if (match?.[2]) rooms.set(match[2], room);
	}
	if (rooms.size === 0) return;
	const rows = await db()<{ id: string; last_seq: string }[]>`
		select id, last_seq from streams where id = any(${[...rooms.keys()]}::uuid[])`;
	for (const row of rows) {
		const room = rooms.get(row.id);
		if (room)
			io.local.to(room).emit('heartbeat', { streamId: row.id, latestSeq: Number(row.last_seq) });
	}
}
