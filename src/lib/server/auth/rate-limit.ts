import { db, type Db } from '../db/db';
import { AppError } from '../errors';
import { m } from '$lib/paraglide/messages';

export const LOGIN_WINDOW_MINUTES = 15;
/** Failures allowed from one address, whatever the accounts tried. */
export const MAX_FAILURES_PER_ADDRESS = 30;
/**
 * Failures allowed for one account from one address. Counting per account-and-address (never
 * per account alone) means an attacker elsewhere cannot lock the on-call engineer out.
 */
export const MAX_FAILURES_PER_ACCOUNT_ADDRESS = 5;

interface Window {
	failures: number;
	oldest: Date | null;
}

async function failuresSince(sql: Db, address: string, email: string | null): Promise<Window> {
	const [row] = await sql<{ failures: number; oldest: Date | null }[]>`
		select count(*)::int as failures, min(attempted_at) as oldest
		from login_attempts
		where address = ${address}
			and not succeeded
			and attempted_at > now() - make_interval(mins => ${LOGIN_WINDOW_MINUTES})
			and (${email}::text is null or lower(email) = lower(${email}))`;
	return { failures: row?.failures ?? 0, oldest: row?.oldest ?? null };
}

function retryMinutes(oldest: Date | null): number {
	const windowMs = LOGIN_WINDOW_MINUTES * 60_000;
	const waitMs = oldest ? oldest.getTime() + windowMs - Date.now() : windowMs;
	return Math.max(1, Math.ceil(waitMs / 60_000));
}

/** Throws `rate_limited` with "retry in N minutes" when this address or pair tried too often. */
export async function assertLoginAllowed(email: string, address: string, sql: Db = db()) {
	const pair = await failuresSince(sql, address, email);
	const all = await failuresSince(sql, address, null);
	const blocked =
		pair.failures >= MAX_FAILURES_PER_ACCOUNT_ADDRESS
			? pair
			: all.failures >= MAX_FAILURES_PER_ADDRESS
				? all
				: null;
	if (blocked) {
		const minutes = retryMinutes(blocked.oldest);
		throw new AppError('rate_limited', m.err_sign_in_rate_limited({ minutes }));
	}
}

export async function recordLoginAttempt(
	email: string,
	address: string,
	succeeded: boolean,
	sql: Db = db()
) {
	await sql`
		insert into login_attempts (email, address, succeeded)
		values (${email.slice(0, 320)}, ${address}, ${succeeded})`;
	if (succeeded) {
		// A successful sign-in clears that pair's failures, so a typo earlier does not count.
		await sql`
			delete from login_attempts
			where address = ${address} and lower(email) = lower(${email}) and not succeeded`;
	}
}
