/** Times render in the person's own timezone; tabular digits keep columns aligned. */
export function formatTime(iso: string | Date, timeZone: string, locale = 'en'): string {
	const date = typeof iso === 'string' ? new Date(iso) : iso;
	return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
		timeZone,
		day: '2-digit',
		month: 'short',
		hour: '2-digit',
		minute: '2-digit'
	}).format(date);
}
