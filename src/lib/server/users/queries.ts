import { db, type Db } from '../db/db';

export interface UserRow {
	id: string;
	email: string;
	display_name: string;
	password_hash: string;
	timezone: string;
	locale: string;
}

export async function findUserByEmail(email: string, sql: Db = db()): Promise<UserRow | null> {
	const [row] = await sql<UserRow[]>`
		select id, email, display_name, password_hash, timezone, locale
		from users where lower(email) = lower(${email})`;
	return row ?? null;
}

export async function findUserById(id: string, sql: Db = db()): Promise<UserRow | null> {
	const [row] = await sql<UserRow[]>`
		select id, email, display_name, password_hash, timezone, locale from users where id = ${id}`;
	return row ?? null;
}
