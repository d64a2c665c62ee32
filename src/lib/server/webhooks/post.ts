import http from 'node:http';
import https from 'node:https';
import type { BlockList } from 'node:net';
import { RefusedTarget, resolveTarget } from './ssrf';

export interface PostResult {
	status: number | null;
	durationMs: number;
	excerpt: string;
	error: string | null;
	/** True when the target was refused before any connection (SSRF guard). */
	refused: boolean;
}

export interface PostOptions {
	allow: BlockList | 'all' | null;
	/** Redirects to follow (each target checked again); none by default. */
	maxRedirects: number;
	timeoutMs: number;
}

const EXCERPT_CHARS = 500;
const READ_LIMIT = 64 * 1024;

/**
 * POSTs one body. The host is resolved and checked here, at delivery time, and the socket
 * connects to that checked address; a redirect is followed only if allowed, and re-checked.
 */
export async function postJson(
	url: string,
	body: string,
	headers: Record<string, string>,
	options: PostOptions
): Promise<PostResult> {
	const started = performance.now();
	const elapsed = () => Math.round(performance.now() - started);
	let target = new URL(url);
	for (let hop = 0; ; hop++) {
		try {
			const answer = await once(target, body, headers, options);
			const location = answer.location;
			if (answer.status >= 300 && answer.status < 400 && location) {
				if (hop >= options.maxRedirects) {
					return {
						status: answer.status,
						durationMs: elapsed(),
						excerpt: answer.excerpt,
						error: `Redirect to ${location} not followed.`,
						refused: false
					};
				}
				target = new URL(location, target);
				continue;
			}
			return {
				status: answer.status,
				durationMs: elapsed(),
				excerpt: answer.excerpt,
				error: null,
				refused: false
			};
		} catch (error) {
			const refused = error instanceof RefusedTarget;
			const message = error instanceof Error ? error.message : String(error);
			return { status: null, durationMs: elapsed(), excerpt: '', error: message, refused };
		}
	}
}

async function once(
	target: URL,
	body: string,
	headers: Record<string, string>,
	options: PostOptions
): Promise<{ status: number; excerpt: string; location: string | null }> {
	if (target.protocol !== 'http:' && target.protocol !== 'https:') {
		throw new RefusedTarget(`Refused: only http and https addresses are delivered to.`);
	}
	const resolved = await resolveTarget(target.hostname, options.allow);
	const client = target.protocol === 'https:' ? https : http;
	return new Promise((resolve, reject) => {
		const request = client.request(
			target,
			{
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'user-agent': 'Nightshift-Webhooks/1.0',
					'content-length': Buffer.byteLength(body),
					...headers
				},
				timeout: options.timeoutMs,
				// Connect to the address just checked; TLS still verifies the name.
				lookup: (_host, _opts, callback) => {
					callback(null, [{ address: resolved.address, family: resolved.family }]);
				}
			},
			(response) => {
				const chunks: Buffer[] = [];
				let size = 0;
				response.on('data', (chunk: Buffer) => {
					if (size < READ_LIMIT) chunks.push(chunk);
					size += chunk.length;
				});
				response.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					resolve({
						status: response.statusCode ?? 0,
						excerpt: text.slice(0, EXCERPT_CHARS),
						location:
							typeof response.headers.location === 'string' ? response.headers.location : null
					});
				});
				response.on('error', reject);
			}
		);
		request.on('timeout', () =>
			request.destroy(new Error(`No answer within ${options.timeoutMs} ms.`))
		);
		request.on('error', reject);
		request.end(body);
	});
}
