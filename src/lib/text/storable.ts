import { m } from '$lib/paraglide/messages';

type Locale = 'en' | 'fr';

/**
 * Text that PostgreSQL cannot store: a NUL (refused in `text` and `jsonb`) or a lone UTF-16
 * surrogate (refused in `jsonb`, and garbled everywhere else). Input carrying either is
 * refused where it enters, with the place named, instead of failing deep in a query.
 */

/** Whether one string can be stored as it is. */
export function isStorableText(value: string): boolean {
	return value.isWellFormed() && !value.includes('\0');
}

/** What is wrong with a string, in words; null when nothing is. */
export function unstorableReason(value: string, locale?: Locale): string | null {
	if (value.includes('\0')) return m.err_contains_nul({}, { locale });
	if (!value.isWellFormed()) return m.err_contains_lone_surrogate({}, { locale });
	return null;
}

/**
 * The first place in a parsed JSON value (keys included) holding unstorable text, as a path
 * like `steps[2].title`, with the reason; null when all of it can be stored.
 */
export function findUnstorable(
	value: unknown,
	path = '',
	depth = 0,
	locale?: Locale
): { path: string; reason: string } | null {
	if (typeof value === 'string') {
		const reason = unstorableReason(value, locale);
		return reason ? { path: path || m.err_unstorable_the_value({}, { locale }), reason } : null;
	}
	// Deeper than any input we take: the parser or the schema refuses it anyway.
	if (depth > 64 || typeof value !== 'object' || value === null) return null;
	if (Array.isArray(value)) {
		for (const [index, item] of value.entries()) {
			const found = findUnstorable(item, `${path}[${index}]`, depth + 1, locale);
			if (found) return found;
		}
		return null;
	}
	for (const [key, item] of Object.entries(value)) {
		const here = path ? `${path}.${key}` : key;
		const keyReason = unstorableReason(key, locale);
		if (keyReason) {
			const where = path || m.err_unstorable_the_body({}, { locale });
			return { path: m.err_unstorable_field_name_in({ where }, { locale }), reason: keyReason };
		}
		const found = findUnstorable(item, here, depth + 1, locale);
		if (found) return found;
	}
	return null;
}
