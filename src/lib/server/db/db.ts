import postgres from 'postgres';
import { processGlobal } from '../process-global';

export type Sql = postgres.Sql;
/** A transaction handle; commands pass it down to the queries they call. */
export type Tx = postgres.TransactionSql;
/** Either the pool or a transaction: queries accept both. */
export type Db = Sql | Tx;

const pool = processGlobal<Sql | undefined>('pool', undefined);

export function connect(url: string, options: { max?: number } = {}): Sql {
	pool.value = postgres(url, {
		max: options.max ?? 10,
		onnotice: () => {},
		transform: { undefined: null },
		connection: { application_name: 'nightshift' }
	});
	return pool.value;
}

/** The connection pool; throws if the app has not connected yet (a bug, not a user error). */
export function db(): Sql {
	if (!pool.value) throw new Error('Database not connected: boot() must run first');
	return pool.value;
}

export async function disconnect(): Promise<void> {
	const sql = pool.value;
	pool.value = undefined;
	await sql?.end({ timeout: 5 });
}
