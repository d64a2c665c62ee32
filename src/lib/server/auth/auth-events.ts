import { db, type Db } from '../db/db';
import { log } from '../log';

export type AuthEventKind =
	| 'sign_in'
	| 'sign_in_failed'
	| 'sign_out'
	| 'sign_out_everywhere'
	| 'password_changed'
	| 'password_reset'
	| 'sign_out_others'
	| 'session_ended'
	| 'sso_sign_in'
	| 'sso_linked'
	| 'sso_provisioned'
	| 'sso_refused'
	| 'sso_session_ended'
	| 'password_refused_sso';

export interface AuthEventContext {
	userId: string | null;
	email?: string | null;
	address?: string | null;
	userAgent?: string | null;
	/** The organization concerned when there may be no account (an SSO refusal). */
	organizationId?: string | null;
	/** Why, in a word: a refusal's reason, the provider's name. */
	detail?: string | null;
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
			insert into auth_events (user_id, email, kind, address, user_agent, organization_id, detail)
			values (${context.userId}, ${context.email?.slice(0, 320) ?? null}, ${kind},
				${context.address?.slice(0, 100) ?? null}, ${context.userAgent?.slice(0, 300) ?? null},
				${context.organizationId ?? null}, ${context.detail?.slice(0, 300) ?? null})`;
	} catch (error) {
		// The audit trail must not stop a person signing in or out; the failure is logged.
		log.error({ err: error, kind }, 'auth event not recorded');
	}
}
