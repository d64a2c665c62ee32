import {
	getLocale,
	getServerAsyncLocalStorage,
	isLocale,
	type Locale
} from '$lib/paraglide/runtime';

/**
 * Runs `work` with the catalogue of the post-mortem's own language (the one its draft was
 * written in), so what a refresh generates reads like the rest of it whoever asks for it.
 */
export function inPostmortemLanguage<T>(locale: string | null, work: () => Promise<T>): Promise<T> {
	const storage = getServerAsyncLocalStorage();
	if (!locale || !isLocale(locale) || !storage) return work();
	const language: Locale = locale;
	return storage.run({ ...storage.getStore(), locale: language }, work);
}

/** The language a new post-mortem is drafted in: its creator's. */
export function draftLanguage(): Locale {
	return getLocale();
}
