import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { mcpCaller } from '$lib/server/mcp/auth';
import { buildMcpServer } from '$lib/server/mcp/server';
import { jsonFailure } from '$lib/server/http';
import type { RequestHandler } from './$types';

/**
 * The Model Context Protocol over Streamable HTTP, stateless (JSON answers, no session), so
 * any node answers any request; GET (a server-initiated stream) is not offered, as the
 * specification allows (405). An API token authorizes: `Authorization: Bearer nst_…`.
 */
export const POST: RequestHandler = async ({ request, getClientAddress }) => {
	try {
		const caller = await mcpCaller(request, getClientAddress());
		const server = buildMcpServer(caller);
		const transport = new WebStandardStreamableHTTPServerTransport({
			sessionIdGenerator: undefined,
			enableJsonResponse: true
		});
		await server.connect(transport);
		const response = await transport.handleRequest(request);
		await server.close();
		return response;
	} catch (error) {
		const answer = jsonFailure(error);
		if (answer.status === 401) answer.headers.set('www-authenticate', 'Bearer');
		return answer;
	}
};
