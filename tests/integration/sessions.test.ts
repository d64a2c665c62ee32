import { describe, expect, it } from 'vitest';
import {
	createSession,
	validateSessionToken,
	SESSION_LIFETIME_MS
} from '../../src/lib/server/auth/session';
import { newUser, useTestDatabase } from './setup';

const sql = useTestDatabase();

describe('sessions', () => {
	it('the sessions table holds no usable token', async () => {
		const user = await newUser();
		const { token } = await createSession(user.userId);
		const [id, secret] = token.split('.');
		const rows = await sql()<{ id: string; secret_hash: Uint8Array }[]>`
			select id, secret_hash from sessions where user_id = ${user.userId}`;
		expect(rows).toHaveLength(1);
		const row = rows[0];
		if (!row || !secret || !id) throw new Error('no session row');
		const dump = JSON.stringify(await sql()`select * from sessions where id = ${row.id}`);
		expect(dump).not.toContain(secret);
		expect(Buffer.from(row.secret_hash).toString('hex')).not.toContain(secret);
		// What the table holds cannot be replayed as a cookie.
		expect(await validateSessionToken(row.id)).toBeNull();
		expect(
			await validateSessionToken(`${row.id}.${Buffer.from(row.secret_hash).toString('hex')}`)
		).toBeNull();
		expect(await validateSessionToken(`${row.id}.${secret}x`)).toBeNull();
		expect(await validateSessionToken(token)).not.toBeNull();
	});

	it('an expired session is refused and deleted', async () => {
		const user = await newUser();
		const { token, session } = await createSession(user.userId);
		await sql()`update sessions set expires_at = now() - interval '1 minute' where id = ${session.id}`;
		expect(await validateSessionToken(token)).toBeNull();
		expect(await sql()`select 1 from sessions where id = ${session.id}`).toHaveLength(0);
	});

	it('a session used with less than half its life left is extended to 30 days', async () => {
		const user = await newUser();
		const { token, session } = await createSession(user.userId);
		await sql()`update sessions set expires_at = now() + interval '10 days' where id = ${session.id}`;
		const found = await validateSessionToken(token);
		expect(found?.renewed).toBe(true);
		expect(found?.session.expiresAt.getTime()).toBeGreaterThan(
			Date.now() + SESSION_LIFETIME_MS - 60_000
		);
	});

	it('a session with more than half its life left is not rewritten', async () => {
		const user = await newUser();
		const { token, session } = await createSession(user.userId);
		await sql()`update sessions set expires_at = now() + interval '20 days' where id = ${session.id}`;
		const found = await validateSessionToken(token);
		expect(found?.renewed).toBe(false);
		expect(found?.session.expiresAt.getTime()).toBeLessThan(Date.now() + 21 * 86_400_000);
	});
});
