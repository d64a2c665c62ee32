import { z } from 'zod';
import { db } from '../db/db';
import { AppError } from '../errors';
import { recordAuthEvent } from '../auth/auth-events';
import { hashPassword, verifyPassword } from '../auth/password';
import { invalidateOwnSession, invalidateUserSessions } from '../auth/session';
import { endSocketsOfSessions } from '../realtime/control';
import { parse } from '../validation';
import { findUserById } from './queries';
import { isTimezone, newPassword } from './schemas';
import { m } from '$lib/paraglide/messages';

export const changePasswordInput = z.object({
	currentPassword: z
		.string()
		.min(1, { error: () => m.val_current_password_required() })
		.max(200),
	password: newPassword
});

/** Changing a password ends every other session of that person, and their sockets. */
export async function changePassword(
	userId: string,
	keepSessionId: string,
	input: unknown,
	address?: string
) {
	const data = parse(changePasswordInput, input);
	const user = await findUserById(userId);
	if (!user || !(await verifyPassword(user.password_hash, data.currentPassword))) {
		throw new AppError('invalid', m.err_current_password_wrong(), {
			currentPassword: m.err_current_password_wrong()
		});
	}
	const passwordHash = await hashPassword(data.password);
	const ended = await db().begin(async (tx) => {
		await tx`update users set password_hash = ${passwordHash}, version = version + 1 where id = ${userId}`;
		return invalidateUserSessions(userId, keepSessionId, tx);
	});
	endSocketsOfSessions(ended, m.sock_password_changed());
	await recordAuthEvent('password_changed', { userId, email: user.email, address });
	return { endedSessions: ended.length };
}

/** Signs a person out everywhere, this browser included. */
export async function signOutEverywhere(userId: string, address?: string) {
	const ended = await invalidateUserSessions(userId);
	endSocketsOfSessions(ended, m.sock_signed_out_everywhere());
	await recordAuthEvent('sign_out_everywhere', { userId, address });
	return { endedSessions: ended.length };
}

const endSessionInput = z.object({
	sessionId: z
		.string({ error: () => m.val_session_required() })
		.min(1)
		.max(64)
});

/** "Sign out this one" on the account page: one of the person's own sessions, and its sockets. */
export async function endOwnSession(userId: string, input: unknown, address?: string) {
	const { sessionId } = parse(endSessionInput, input);
	if (!(await invalidateOwnSession(userId, sessionId))) {
		throw new AppError('not_found', m.err_session_already_ended());
	}
	endSocketsOfSessions([sessionId], m.sock_session_signed_out());
	await recordAuthEvent('session_ended', { userId, address });
}

/** "Sign out all others": every session of the person but this one. */
export async function endOtherSessions(userId: string, keepSessionId: string, address?: string) {
	const ended = await invalidateUserSessions(userId, keepSessionId);
	endSocketsOfSessions(ended, m.sock_signed_out_others());
	await recordAuthEvent('sign_out_others', { userId, address });
	return ended.length;
}

export const profileInput = z.object({
	displayName: z
		.string()
		.trim()
		.min(1, { error: () => m.val_name_required() })
		.max(80),
	timezone: z
		.string()
		.trim()
		.refine(isTimezone, { error: () => m.val_timezone_unknown() }),
	locale: z.enum(['en', 'fr'], { error: () => m.val_locale_choice() })
});

export async function updateProfile(userId: string, input: unknown) {
	const data = parse(profileInput, input);
	await db()`
		update users set display_name = ${data.displayName}, timezone = ${data.timezone},
			locale = ${data.locale}, version = version + 1
		where id = ${userId}`;
	return data;
}
