import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/** A random, URL-safe secret with `bytes` bytes of entropy (lucia-auth.com's generator). */
export function randomSecret(bytes = 24): string {
	const buffer = new Uint8Array(bytes);
	crypto.getRandomValues(buffer);
	return encodeBase32LowerCaseNoPadding(buffer);
}

export function hashSecret(secret: string): Uint8Array {
	return sha256(new TextEncoder().encode(secret));
}

/** Compares a presented secret with a stored hash without leaking timing. */
export function secretMatches(secret: string, storedHash: Uint8Array): boolean {
	return constantTimeEqual(hashSecret(secret), storedHash);
}
