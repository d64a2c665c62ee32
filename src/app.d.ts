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
			requestId: string;
			log: Logger;
		}
	}
}

export {};
