import type { Role } from '$lib/organizations/roles';
import type { Session, SessionUser } from '$lib/server/auth/session';
import type { Logger } from '$lib/server/log';

declare global {
	namespace App {
		interface Error {
			message: string;
			id?: string;
		}
		interface Locals {
			user: SessionUser | null;
			session: Session | null;
			/** Set when the request came with an API token: its one organization and role. */
			apiToken?: { id: string; organizationId: string; role: Role } | null;
			requestId: string;
			log: Logger;
		}
	}
}

export {};
