import net, { type Socket } from 'node:net';
import { Duplex } from 'node:stream';
import postgres from 'postgres';
import { afterEach, describe, expect, inject, it } from 'vitest';

/*
 * postgres.js 3.4.9 could send a transaction's BEGIN on a connection it had not reserved for it
 * (the request failed with UNSAFE_TRANSACTION, a 500, and the connection went back to the pool
 * inside the still open transaction), or hand a transaction's connection to the pool between two
 * of its statements (porsager/postgres#823, #1189, #1207, #1218). patches/postgres+3.4.9.patch
 * closes both. Each test saturates a two-connection pool, as a burst of commands does the app's.
 */

const url = inject('databaseUrl');
const pools: postgres.Sql[] = [];

afterEach(async () => {
	await Promise.all(pools.splice(0).map((sql) => sql.end({ timeout: 1 })));
});

/** A pool of two connections, as the app's is of ten; `socket` opens each connection's socket. */
async function saturablePool(name: string, socket?: () => Promise<Duplex>): Promise<postgres.Sql> {
	// `socket` is a documented postgres.js option its types leave out: pass it in a variable.
	const options = {
		max: 2,
		onnotice: () => {},
		connection: { application_name: name },
		...(socket ? { socket } : {})
	};
	const sql = postgres(url, options);
	pools.push(sql);
	await Promise.all([sql`select 1`, sql`select 1`]); // both connections open
	return sql;
}

/**
 * A connection's socket whose write() always asks the writer to wait for 'drain', as a socket
 * does once more is buffered than its high-water mark (a net.Socket whose write the kernel takes
 * at once answers true whatever its mark): the bytes still go out, through a real TCP socket.
 */
class BackpressuredSocket extends Duplex {
	constructor(private readonly tcp: Socket) {
		super({ writableHighWaterMark: 1 });
		tcp.on('data', (chunk: Buffer) => this.push(chunk));
		tcp.on('close', () => this.destroy());
		tcp.on('error', (error) => this.destroy(error));
	}
	get readyState() {
		return this.tcp.readyState;
	}
	_read() {}
	_write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void) {
		this.tcp.write(chunk, done);
	}
	_final(done: () => void) {
		this.tcp.end(done);
	}
	_destroy(error: Error | null, done: (error?: Error | null) => void) {
		this.tcp.destroy();
		done(error);
	}
}

function backpressuredSockets(opened: BackpressuredSocket[]): () => Promise<BackpressuredSocket> {
	const { hostname, port } = new URL(url);
	return () =>
		new Promise((resolve, reject) => {
			const tcp = net.connect(Number(port || 5432), hostname, () => {
				const socket = new BackpressuredSocket(tcp);
				opened.push(socket);
				resolve(socket);
			});
			tcp.once('error', reject);
		});
}

/**
 * A pool query that answers the id of the transaction it ran in; `execute()` sends it now, in
 * call order (a postgres.js query is otherwise sent when first awaited).
 */
function transactionIdOf(sql: postgres.Sql): Promise<string> {
	return sql<{ id: string }[]>`select txid_current()::text as id`
		.execute()
		.then(([row]) => row?.id ?? '');
}

/** Holds one connection in a transaction for `seconds`; `isHeld` resolves once it is held. */
function holdConnection(sql: postgres.Sql, seconds: number) {
	let held = () => {};
	const isHeld = new Promise<void>((resolve) => (held = resolve));
	const done = sql.begin(async (tx) => {
		held();
		await tx`select pg_sleep(${seconds})`;
	});
	return { isHeld, done };
}

/** A transaction that answers the id it ran in, or the message it failed with. */
function transactionAnsweringItsId(
	sql: postgres.Sql
): Promise<{ id: string } | { failed: string }> {
	return sql
		.begin(
			async (tx) => (await tx<{ id: string }[]>`select txid_current()::text as id`)[0]?.id ?? ''
		)
		.then(
			(id) => ({ id }),
			(error: unknown) => ({ failed: String(error) })
		);
}

/** Transaction ids that more than one of `ids` ran in. */
function shared(ids: string[]): string[] {
	return [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
}

async function connectionsIdleInTransaction(name: string): Promise<number> {
	const admin = await saturablePool(`${name}-admin`);
	const [row] = await admin<{ n: number }[]>`
		select count(*)::int as n from pg_stat_activity
		where application_name = ${name} and state like 'idle in transaction%'`;
	return row?.n ?? -1;
}

/** Pool queries sent while both connections are busy, then a few more once the dust settles. */
async function poolQueriesAround(sql: postgres.Sql, burst: Promise<string>[]): Promise<string[]> {
	const during = await Promise.all(burst);
	const after = await Promise.all(Array.from({ length: 20 }, () => transactionIdOf(sql)));
	return [...during, ...after];
}

/**
 * The transaction succeeded, every pool query ran in a transaction of its own, and no
 * connection of the pool `name` was left idle in transaction.
 */
async function expectOwnTransactions(
	name: string,
	outcome: { id: string } | { failed: string },
	poolQueryIds: string[]
) {
	expect(outcome).toEqual({ id: expect.any(String) }); // 3.4.9: UNSAFE_TRANSACTION
	const ids = 'id' in outcome ? [...poolQueryIds, outcome.id] : poolQueryIds;
	expect(shared(ids)).toEqual([]);
	expect(await connectionsIdleInTransaction(name)).toBe(0);
}

describe('the connection pool under saturation', () => {
	it('a pool query never runs inside another caller’s transaction when a BEGIN fills a connection’s pipeline', async () => {
		const sql = await saturablePool('pool-isolation-pipeline');
		const holders = [holdConnection(sql, 0.2), holdConnection(sql, 0.2)];
		await Promise.all(holders.map((h) => h.isHeld));
		// Queued behind the two transactions; when one commits, postgres.js pipelines up to 100
		// queued queries behind the first one onto its connection: the BEGIN is the 101st.
		const burst = Array.from({ length: 100 }, () => transactionIdOf(sql));
		const transaction = transactionAnsweringItsId(sql);
		burst.push(...Array.from({ length: 100 }, () => transactionIdOf(sql)));

		await Promise.all(holders.map((h) => h.done));
		const ids = await poolQueriesAround(sql, burst);
		const outcome = await transaction;

		await expectOwnTransactions('pool-isolation-pipeline', outcome, ids);
	});

	it('a pool query never runs inside another caller’s transaction when the socket asks to wait as BEGIN is written', async () => {
		const sockets: BackpressuredSocket[] = [];
		const sql = await saturablePool('pool-isolation-backpressure', backpressuredSockets(sockets));
		// Simple queries of ~1,000 bytes (no parameters: sent whole, at the next turn of the event
		// loop), one per connection; the BEGIN appended to one makes it cross 1 KiB, so postgres.js
		// writes it at once, and write() answers false (wait for 'drain').
		const pad = 'x'.repeat(1000);
		const padded = [1, 2].map(() => sql.unsafe(`select '${pad}' as pad`).execute());
		const transaction = transactionAnsweringItsId(sql);
		await Promise.all(padded);

		const outcome = await transaction;
		const ids = await poolQueriesAround(sql, []);

		expect(sockets).toHaveLength(2);
		await expectOwnTransactions('pool-isolation-backpressure', outcome, ids);
	});

	it('a pool query never runs inside another caller’s transaction when the socket drains between two of its statements', async () => {
		const sockets: BackpressuredSocket[] = [];
		const sql = await saturablePool('pool-isolation-drain', backpressuredSockets(sockets));
		const holder = holdConnection(sql, 0.3);
		await holder.isHeld;
		const burst: Promise<string>[] = [];
		const ownId = await sql.begin(async (tx) => {
			const [row] = await tx<{ id: string }[]>`select txid_current()::text as id`;
			// Both connections are in transactions: these queue in the pool.
			burst.push(...Array.from({ length: 20 }, () => transactionIdOf(sql)));
			await new Promise((resolve) => setImmediate(resolve));
			// A socket whose write() answered false emits 'drain' once its buffer is flushed, and
			// that can come after the answers were read (TLS, a custom socket, a write completion
			// reported late): here, while this transaction waits between two statements.
			for (const socket of sockets) socket.emit('drain');
			await new Promise((resolve) => setTimeout(resolve, 50));
			await tx`select 1`;
			return row?.id ?? '';
		});
		await holder.done;
		const ids = await poolQueriesAround(sql, burst);

		expect(ids.filter((id) => id === ownId)).toEqual([]);
		expect(shared(ids)).toEqual([]);
	});
});
