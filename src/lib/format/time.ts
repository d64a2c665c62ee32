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

/** "23:10" for today, "Mon 23:10" within the week, else a short date: timeline rows stay narrow. */
export function formatMoment(
	iso: string | Date,
	timeZone: string,
	locale = 'en',
	now = Date.now()
): string {
	const date = typeof iso === 'string' ? new Date(iso) : iso;
	const tag = locale === 'fr' ? 'fr-FR' : 'en-GB';
	const day = (d: Date) =>
		new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' }).format(d);
	const time = new Intl.DateTimeFormat(tag, {
		timeZone,
		hour: '2-digit',
		minute: '2-digit'
	}).format(date);
	if (day(date) === day(new Date(now))) return time;
	if (Math.abs(now - date.getTime()) < 6 * 86_400_000) {
		return `${new Intl.DateTimeFormat(tag, { timeZone, weekday: 'short' }).format(date)} ${time}`;
	}
	return formatTime(date, timeZone, locale);
}

/** "12 Jan 2027" (fr: "12 janv. 2027"): a day, in the person's timezone. */
export function formatDay(iso: string | Date, timeZone: string, locale = 'en'): string {
	const date = typeof iso === 'string' ? new Date(iso) : iso;
	return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
		timeZone,
		day: 'numeric',
		month: 'short',
		year: 'numeric'
	}).format(date);
}
