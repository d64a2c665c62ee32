import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { RequestEvent } from '@sveltejs/kit';
import { beforeAll, describe, expect, it } from 'vitest';
import { handle } from '../../src/hooks.server';
import { createApiToken } from '../../src/lib/server/access/api-tokens';
import { resetRateLimits } from '../../src/lib/server/access/rate-limits';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { listTimeline } from '../../src/lib/server/timeline/queries';
import * as route from '../../src/routes/mcp/+server';
import { useTestDatabase } from './setup';

const sql = useTestDatabase();

/** The SDK client's requests, answered by the app's real hook and the /mcp route. */
const appFetch = async (input: string | URL, init?: RequestInit): Promise<Response> => {
	const request = new Request(input, init);
	const event = {
		request,
		url: new URL(request.url),
		params: {},
		route: { id: '/mcp' },
		locals: {},
		cookies: { get: () => undefined, set: () => undefined, delete: () => undefined },
		getClientAddress: () => '127.0.0.1',
		setHeaders: () => undefined,
		isDataRequest: false,
		isSubRequest: false,
		fetch
	} as unknown as RequestEvent;
	if (request.method !== 'POST') return new Response(null, { status: 405 });
	return handle({ event, resolve: (e) => route.POST(e as Parameters<typeof route.POST>[0]) });
};

async function connect(token: string) {
	const client = new Client({ name: 'nightshift-test', version: '1.0.0' });
	const transport = new StreamableHTTPClientTransport(new URL('http://nightshift.test/mcp'), {
		fetch: appFetch,
		requestInit: { headers: { authorization: `Bearer ${token}` } }
	});
	await client.connect(transport);
	return client;
}

function textOf(result: Awaited<ReturnType<Client['callTool']>>): string {
	const [first] = result.content as { type: string; text: string }[];
	return first?.text ?? '';
}

let incidentId = '';
let responder = '';
let viewer = '';

beforeAll(async () => {
	await resetRateLimits();
	await seedDemo();
	const [row] = await sql()<{ id: string; org: string; claire: string }[]>`
		select i.id, i.organization_id as org, u.id as claire from incidents i, users u
		where i.title = 'Shop down: cluster rebuild' and u.email = 'claire@petitnuage.example'`;
	if (!row) throw new Error('demo incident missing');
	incidentId = row.id;
	const claire = { userId: row.claire, name: 'Claire' };
	responder =
		(await createApiToken({ actor: claire }, row.org, { name: 'Assistant', role: 'responder' }))
			.token ?? '';
	viewer =
		(await createApiToken({ actor: claire }, row.org, { name: 'Reader', role: 'viewer' })).token ??
		'';
});

describe('the MCP server at /mcp, driven by the SDK client', () => {
	it('lists its tools and reads the demo room', async () => {
		const client = await connect(viewer);
		const { tools } = await client.listTools();
		expect(tools.map((t) => t.name).sort()).toEqual(
			['act_on_step', 'add_note', 'list_incidents', 'read_figures', 'read_room'].sort()
		);
		const listed = JSON.parse(
			textOf(await client.callTool({ name: 'list_incidents', arguments: { status: 'open' } }))
		);
		expect(listed.incidents.map((i: { id: string }) => i.id)).toContain(incidentId);
		const room = JSON.parse(
			textOf(await client.callTool({ name: 'read_room', arguments: { incidentId } }))
		);
		expect(room.incident.title).toBe('Shop down: cluster rebuild');
		expect(
			room.run.steps.some((s: { title: string }) => s.title === 'Reinstall Debian on web03')
		).toBe(true);
		expect(room.servers.map((s: { hostname: string }) => s.hostname)).toContain('db01');
		const figures = JSON.parse(
			textOf(await client.callTool({ name: 'read_figures', arguments: { incidentId } }))
		);
		expect(figures.figures).toHaveProperty('detect');
		await client.close();
	});

	it('adds a note as a responder token, recorded with source api and the tool name', async () => {
		const client = await connect(responder);
		const result = await client.callTool({
			name: 'add_note',
			arguments: { incidentId, text: 'Assistant: web03 reinstall at 80 %.' }
		});
		expect(result.isError).toBeFalsy();
		const note = (await listTimeline(incidentId)).find(
			(e) => e.kind === 'timeline.note' && e.payload.text === 'Assistant: web03 reinstall at 80 %.'
		);
		expect(note).toMatchObject({ source: 'api', actorName: 'Assistant (MCP add_note)' });
		await client.close();
	});

	it('refuses a write with a viewer token, as the API does', async () => {
		const client = await connect(viewer);
		const result = await client.callTool({
			name: 'add_note',
			arguments: { incidentId, text: 'Should not be written.' }
		});
		expect(result.isError).toBe(true);
		expect(JSON.parse(textOf(result)).error).toMatchObject({ code: 'forbidden' });
		expect(
			(await listTimeline(incidentId)).some(
				(e) => e.kind === 'timeline.note' && e.payload.text === 'Should not be written.'
			)
		).toBe(false);
		await client.close();
	});

	it('refuses a request without a token (401)', async () => {
		const answer = await appFetch('http://nightshift.test/mcp', {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				accept: 'application/json, text/event-stream'
			},
			body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' })
		});
		expect(answer.status).toBe(401);
		expect(answer.headers.get('www-authenticate')).toBe('Bearer');
	});
});
