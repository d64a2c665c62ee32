import type { Locale } from '$lib/paraglide/runtime';

/** A message without inputs, as Paraglide compiles it. */
type Word = (inputs: Record<string, never>, options: { locale?: Locale }) => string;

/**
 * The words of a closed vocabulary (a state, a role, a phase): one message per value, so the
 * compiler refuses a value without its words. Read in the current language, or in `locale`
 * for what is written to someone else (a mail, a feed).
 */
export function labels<K extends string>(words: Record<K, Word>) {
	// Values read back from stored rows are not checked: an unknown one shows as it is.
	return (key: K, locale?: Locale): string => words[key]?.({}, locale ? { locale } : {}) ?? key;
}
