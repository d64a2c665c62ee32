import postgres from 'postgres';

export type Sql = postgres.Sql;
/** A transaction handle; commands pass it down to the queries they call. */
export type Tx = postgres.TransactionSql;
/** Either the pool or a transaction: queries accept both. */
export type Db = Sql | Tx;

let current: Sql | undefined;

export function connect(url: string, options: { max?: number } = {}): Sql {
	current = postgres(url, {
		max: options.max ?? 10,
		onnotice: () => {},
		transform: { undefined: null },
		connection: { application_name: 'nightshift' }
	});
	return current;
}

/** The connection pool; throws if the app has not connected yet (a bug, not a user error). */
export function db(): Sql {
	if (!current) throw new Error('Database not connected: boot() must run first');
	return current;
}

export async function disconnect(): Promise<void> {
	const sql = current;
	current = undefined;
	await sql?.end({ timeout: 5 });
}
