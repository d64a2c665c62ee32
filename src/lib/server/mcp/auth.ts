import { resolveApiToken } from '../access/api-tokens';
import { hit, limits } from '../access/rate-limits';
import { bearerOf } from '../access/request-guards';
import { AppError } from '../errors';
import type { McpCaller } from './server';
import { m } from '$lib/paraglide/messages';

/**
 * The MCP endpoint is for machines: an API token, never a session cookie (a page open in a
 * browser must not be able to drive it), under the API's rate limit.
 */
export async function mcpCaller(request: Request, address: string): Promise<McpCaller> {
	const secret = bearerOf(request);
	const token = secret ? await resolveApiToken(secret, address) : null;
	if (!token) {
		throw new AppError('unauthenticated', m.err_mcp_token());
	}
	const wait = await hit(`api:token:${token.tokenId}`, limits().api);
	if (wait !== null) throw new AppError('rate_limited', m.err_requests_rate_limited({ wait }));
	return { userId: token.userId, name: token.name, address };
}
