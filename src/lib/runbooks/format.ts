/** Durations and clock times as the runbook shows them (tabular, short, in the viewer's zone). */

export function formatMinutes(minutes: number): string {
	const total = Math.max(0, Math.round(minutes));
	const hours = Math.floor(total / 60);
	const rest = total % 60;
	if (hours === 0) return `${rest} min`;
	return rest === 0 ? `${hours} h` : `${hours} h ${String(rest).padStart(2, '0')}`;
}

/** "Sat 13:10": the weekday matters for a run that goes through the night. */
export function formatClock(iso: string | number, timeZone: string, locale = 'en'): string {
	return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
		timeZone,
		weekday: 'short',
		hour: '2-digit',
		minute: '2-digit'
	}).format(new Date(iso));
}

export function formatHourMinute(iso: string | number, timeZone: string, locale = 'en'): string {
	return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
		timeZone,
		hour: '2-digit',
		minute: '2-digit'
	}).format(new Date(iso));
}
