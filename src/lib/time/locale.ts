/** The Intl tag of an interface language: the one place that decides how dates and numbers read. */
export function intlLocale(locale: string): string {
	return locale === 'fr' ? 'fr-FR' : 'en-GB';
}
