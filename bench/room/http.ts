/**
 * Raw HTTP for the room benchmark: node:http, so the bytes counted are the bytes on the wire
 * (fetch would decompress them out of sight), and the time is until the last byte.
 */
import { request } from 'node:http';

export interface RawResponse {
	status: number;
	/** Body bytes as sent (compressed when the server compressed). */
	bytes: number;
	encoding: string | null;
	ms: number;
	body: Buffer;
}

export function rawGet(url: string, headers: Record<string, string>): Promise<RawResponse> {
	const started = performance.now();
	return new Promise((resolve, reject) => {
		const req = request(url, { method: 'GET', headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () => {
				const body = Buffer.concat(chunks);
				const encoding = res.headers['content-encoding'];
				resolve({
					status: res.statusCode ?? 0,
					bytes: body.length,
					encoding: typeof encoding === 'string' ? encoding : null,
					ms: performance.now() - started,
					body
				});
			});
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end();
	});
}

/** A note written through the public API, as a person (session cookie, same-origin). */
export async function postNote(
	origin: string,
	incidentId: string,
	token: string,
	text: string
): Promise<void> {
	const response = await fetch(`${origin}/api/v1/incidents/${incidentId}/notes`, {
		method: 'POST',
		headers: {
			cookie: `nightshift_session=${token}`,
			origin,
			'content-type': 'application/json',
			accept: 'application/json'
		},
		body: JSON.stringify({ text, kind: 'note' })
	});
	if (response.status !== 201) {
		throw new Error(`note: ${response.status} ${(await response.text()).slice(0, 200)}`);
	}
}
