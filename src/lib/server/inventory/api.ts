import { z } from 'zod';
import type { SessionUser } from '../auth/session';
import { AppError } from '../errors';
import type { CommandContext } from '../events/command';
import { clientMutationId, parse } from '../validation';

/** What the inventory's JSON endpoints share: the command context of a call. */
export { readJsonObject } from '../http';

const mutation = z.object({ clientMutationId });

export function apiContext(
	user: SessionUser | null,
	address: string,
	body: Record<string, unknown>
): CommandContext {
	if (!user) throw new AppError('unauthenticated', 'Sign in to change the inventory.');
	return {
		actor: { userId: user.id, name: user.displayName, address, source: 'api' },
		clientMutationId: parse(mutation, body).clientMutationId ?? null
	};
}
