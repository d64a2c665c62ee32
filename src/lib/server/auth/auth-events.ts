import { db, type Db } from '../db/db';
import { log } from '../log';

export type AuthEventKind =
	| 'sign_in'
	| 'sign_in_failed'
	| 'sign_out'
	| 'sign_out_everywhere'
	| 'password_changed'
	| 'password_reset';

export interface AuthEventContext {
	userId: string | null;
	email?: string | null;
	address?: string | null;
	userAgent?: string | null;
}

/**
 * Records a sign-in, sign-out or password change for the audit log. These are about a person,
 * not an organization: each organization's audit shows those of its members.
 */
export async function recordAuthEvent(
	kind: AuthEventKind,
	context: AuthEventContext,
	sql: Db = db()
): Promise<void> {
	try {
		await sql`
			insert into auth_events (user_id, email, kind, address, user_agent)
			values (${context.userId}, ${context.email?.slice(0, 320) ?? null}, ${kind},
				${context.address?.slice(0, 100) ?? null}, ${context.userAgent?.slice(0, 300) ?? null})`;
	} catch (error) {
		// The audit trail must not stop a person signing in or out; the failure is logged.
		log.error({ err: error, kind }, 'auth event not recorded');
	}
}
