import { createAdapter } from '@socket.io/postgres-adapter';
import pg from 'pg';
import { log } from '../log';
import type { NightshiftServer } from './types';

/**
 * Cross-node broadcasts through PostgreSQL's LISTEN/NOTIFY: socket.io's postgres adapter needs
 * a `pg` Pool of its own (the one place `pg` is used). Payloads too big for NOTIFY go through
 * the socket_io_attachments table our migrations create. It does not support connection-state
 * recovery, and we do not rely on it: clients resync by sequence number.
 */
export function useClusterAdapter(io: NightshiftServer, databaseUrl: string): () => Promise<void> {
	const pool = new pg.Pool({
		connectionString: databaseUrl,
		// One connection LISTENs, one publishes: a single publishing connection keeps NOTIFYs,
		// and so the adapter's local deliveries that wait on them, in the order they were sent.
		max: 2,
		application_name: 'nightshift-socket.io'
	});
	pool.on('error', (error) => log.warn({ err: error }, 'socket.io adapter pool error'));
	io.adapter(
		createAdapter(pool, {
			tableName: 'socket_io_attachments',
			errorHandler: (error) => log.warn({ err: error }, 'socket.io adapter error')
		})
	);
	return () => pool.end();
}
