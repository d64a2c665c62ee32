import { createServer, type Server } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { metricsConfig, type MetricsConfig } from '../config';
import { log } from '../log';
import { renderMetrics } from './registry';

/**
 * Who may scrape `/metrics`: with METRICS_TOKEN, only a request carrying it as a bearer token
 * (on the app's port and on METRICS_PORT); without it, only the separate METRICS_PORT (bound to
 * METRICS_HOST, loopback by default) serves it. With neither, metrics are not exposed.
 */
export type ScrapeDecision = 'allowed' | 'unauthenticated' | 'not_exposed';

function tokenMatches(presented: string, expected: string): boolean {
	const a = Buffer.from(presented);
	const b = Buffer.from(expected);
	return a.length === b.length && timingSafeEqual(a, b);
}

export function decideScrape(
	config: MetricsConfig,
	authorization: string | null,
	onMetricsPort: boolean
): ScrapeDecision {
	if (config.METRICS_TOKEN) {
		const presented = /^Bearer\s+(.+)$/i.exec(authorization?.trim() ?? '')?.[1] ?? '';
		return tokenMatches(presented, config.METRICS_TOKEN) ? 'allowed' : 'unauthenticated';
	}
	return onMetricsPort ? 'allowed' : 'not_exposed';
}

/** The answer to a scrape, for the SvelteKit route and the separate port alike. */
export async function scrape(authorization: string | null, onMetricsPort: boolean) {
	const decision = decideScrape(metricsConfig(), authorization, onMetricsPort);
	if (decision === 'unauthenticated') {
		return new Response('Send the metrics token: Authorization: Bearer <METRICS_TOKEN>\n', {
			status: 401,
			headers: { 'www-authenticate': 'Bearer', 'content-type': 'text/plain' }
		});
	}
	if (decision === 'not_exposed') {
		return new Response(
			'Metrics are not exposed here: set METRICS_TOKEN, or METRICS_PORT for a separate port.\n',
			{ status: 404, headers: { 'content-type': 'text/plain' } }
		);
	}
	const { body, contentType } = await renderMetrics();
	return new Response(body, {
		headers: { 'content-type': contentType, 'cache-control': 'no-store' }
	});
}

/** METRICS_PORT: a plain HTTP server that answers GET /metrics only. */
export function startMetricsServer(config: MetricsConfig): Server | null {
	if (!config.METRICS_PORT) return null;
	const server = createServer((request, response) => {
		const path = (request.url ?? '/').split('?')[0];
		if (request.method !== 'GET' || path !== '/metrics') {
			response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
			return;
		}
		scrape(request.headers.authorization ?? null, true)
			.then(async (answer) => {
				response.writeHead(answer.status, Object.fromEntries(answer.headers));
				response.end(await answer.text());
			})
			.catch((error: unknown) => {
				log.error({ err: error }, 'metrics scrape failed');
				response.writeHead(500, { 'content-type': 'text/plain' }).end('Metrics failed\n');
			});
	});
	server.listen(config.METRICS_PORT, config.METRICS_HOST, () => {
		console.log(`Nightshift metrics: http://${config.METRICS_HOST}:${config.METRICS_PORT}/metrics`);
	});
	return server;
}
