import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ssoConfig } from '../config';
import { AppError } from '../errors';
import { m } from '$lib/paraglide/messages';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** The key from SSO_SECRET_KEY, or null when the server has none. */
export function secretKey(): Buffer | null {
	const encoded = ssoConfig().SSO_SECRET_KEY;
	return encoded ? Buffer.from(encoded, 'base64') : null;
}

function requireKey(): Buffer {
	const key = secretKey();
	if (!key) {
		throw new AppError('invalid', m.err_sso_no_secret_key(), {
			clientSecret: m.val_sso_no_secret_key()
		});
	}
	return key;
}

/** AES-256-GCM: nonce ‖ ciphertext ‖ tag. */
export function seal(plain: string, key: Buffer = requireKey()): Uint8Array {
	const nonce = randomBytes(NONCE_BYTES);
	const cipher = createCipheriv('aes-256-gcm', key, nonce);
	const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
	return Buffer.concat([nonce, body, cipher.getAuthTag()]);
}

/** Opens what `seal` made; throws if the key differs or a byte was changed. */
export function open(sealed: Uint8Array, key: Buffer = requireKey()): string {
	const bytes = Buffer.from(sealed);
	if (bytes.length < NONCE_BYTES + TAG_BYTES) throw new Error('sealed value too short');
	const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, NONCE_BYTES));
	decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
	const body = bytes.subarray(NONCE_BYTES, bytes.length - TAG_BYTES);
	return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}
