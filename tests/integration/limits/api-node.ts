/**
 * One node of the app's JSON API, as far as its rate limit goes: its own process, its own
 * pool to the shared PostgreSQL, and the request guards every API request passes in
 * hooks.server.ts (the bearer token, then the API's rate limit). A request that passes them
 * is answered 200. Prints `READY <url>` once listening.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadTokenActor, refuseOverApiLimit } from '../../../src/lib/server/access/request-guards';
import { connect } from '../../../src/lib/server/db/db';
import { log } from '../../../src/lib/server/log';

connect(process.env.DATABASE_URL ?? '', { max: 4 });

const server = createServer((req, res) => {
	const url = new URL(req.url ?? '/', 'http://node.test');
	const headers = new Headers();
	for (const [name, value] of Object.entries(req.headers))
		if (typeof value === 'string') headers.set(name, value);
	const event = {
		request: new Request(url, { headers }),
		url,
		locals: { user: null, session: null, requestId: 'node', log },
		getClientAddress: () => '127.0.0.1'
	};
	void (async () => {
		const refused = (await loadTokenActor(event)) ?? (await refuseOverApiLimit(event));
		const answer = refused ?? Response.json({ ok: true });
		res.writeHead(answer.status, Object.fromEntries(answer.headers));
		res.end(await answer.text());
	})().catch((error: unknown) => {
		res.writeHead(500);
		res.end(String(error));
	});
});

server.listen(0, '127.0.0.1', () => {
	const { port } = server.address() as AddressInfo;
	console.log(`READY http://127.0.0.1:${port}`);
});
