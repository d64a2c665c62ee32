import { db, type Db } from '../db/db';
import type { Actor } from './actor';

/**
 * Refuses the reader unless they may read the target (`inOrganization`, `inIncident`, `inItem`):
 * the same refusals a command starts with, asked outside a transaction.
 */
export type ReadRefusal<A> = (
	actor: Pick<Actor, 'userId'>,
	targetId: string,
	sql: Db
) => Promise<A>;

/**
 * A read with the one signature `(actor, targetId, sql?)`, the counterpart of `command`: the
 * reader's right on the target first, then the query, told the target and the access found.
 */
export function guardedRead<A, R>(
	refuse: ReadRefusal<A>,
	read: (targetId: string, sql: Db, access: A) => Promise<R>
) {
	return async (actor: Pick<Actor, 'userId'>, targetId: string, sql: Db = db()): Promise<R> => {
		const access = await refuse(actor, targetId, sql);
		return read(targetId, sql, access);
	};
}
