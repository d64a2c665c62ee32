import { describe, expect, it } from 'vitest';
import {
	createSession,
	listUserSessions,
	validateSessionToken,
	SESSION_LIFETIME_MS
} from '../../src/lib/server/auth/session';
import { endOtherSessions, endOwnSession } from '../../src/lib/server/users/account';
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

describe('the account page’s sessions', () => {
	it('lists one’s sessions with device and address; "sign out this one" ends only one’s own', async () => {
		const user = await newUser();
		const other = await newUser();
		const here = await createSession(user.userId, { address: '192.0.2.1', userAgent: 'Firefox' });
		const there = await createSession(user.userId, { address: '192.0.2.2', userAgent: 'Chrome' });
		const theirs = await createSession(other.userId);
		const listed = await listUserSessions(user.userId);
		expect(listed.map((s) => s.address).sort()).toEqual(['192.0.2.1', '192.0.2.2']);
		await expect(endOwnSession(user.userId, { sessionId: theirs.session.id })).rejects.toThrow(
			'This session has already ended.'
		);
		expect(await validateSessionToken(theirs.token)).not.toBeNull();
		await endOwnSession(user.userId, { sessionId: there.session.id });
		expect(await validateSessionToken(there.token)).toBeNull();
		expect(await validateSessionToken(here.token)).not.toBeNull();
	});

	it('"sign out all others" keeps this one', async () => {
		const user = await newUser();
		const here = await createSession(user.userId);
		const a = await createSession(user.userId);
		const b = await createSession(user.userId);
		expect(await endOtherSessions(user.userId, here.session.id)).toBe(2);
		expect(await validateSessionToken(here.token)).not.toBeNull();
		expect(await validateSessionToken(a.token)).toBeNull();
		expect(await validateSessionToken(b.token)).toBeNull();
		const kinds = await sql()<{ kind: string }[]>`
			select kind from auth_events where user_id = ${user.userId}`;
		expect(kinds.map((k) => k.kind)).toEqual(['sign_out_others']);
	});
});
