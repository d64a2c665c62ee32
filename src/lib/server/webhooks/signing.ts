import { createHmac, randomBytes } from 'node:crypto';

/**
 * Standard Webhooks 1.0: the signed content is `msgId.timestamp.body`, signed with HMAC-SHA256
 * under the base64 key after the `whsec_` prefix; `webhook-signature` lists `v1,<base64>`
 * signatures separated by spaces (two while a rotated secret overlaps).
 */
export const SECRET_PREFIX = 'whsec_';

export function newWebhookSecret(): string {
	return `${SECRET_PREFIX}${randomBytes(24).toString('base64')}`;
}

export function sign(secret: string, msgId: string, timestamp: number, body: string): string {
	const key = Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
	const mac = createHmac('sha256', key).update(`${msgId}.${timestamp}.${body}`).digest('base64');
	return `v1,${mac}`;
}

/** The three headers of one attempt: a fresh timestamp, every live secret's signature. */
export function signatureHeaders(
	secrets: string[],
	msgId: string,
	body: string,
	now: Date = new Date()
): Record<string, string> {
	const timestamp = Math.floor(now.getTime() / 1000);
	return {
		'webhook-id': msgId,
		'webhook-timestamp': String(timestamp),
		'webhook-signature': secrets.map((s) => sign(s, msgId, timestamp, body)).join(' ')
	};
}
