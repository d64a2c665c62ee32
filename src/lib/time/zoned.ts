import { TZDate } from '@date-fns/tz';

const LOCAL_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A form's datetime-local value has no zone: it means the wall clock of the person who typed
 * it. Anything else (an ISO string with a zone) is returned as is, for the API.
 */
export function fromWallClock(value: string, timeZone: string): string {
	const match = LOCAL_DATETIME.exec(value.trim());
	if (!match) return value;
	const [, y, mo, d, h, mi, s] = match.map(Number);
	if (y === undefined || mo === undefined || d === undefined || h === undefined || mi === undefined)
		return value;
	return new Date(new TZDate(y, mo - 1, d, h, mi, s || 0, timeZone).getTime()).toISOString();
}

/** The value a datetime-local input shows for an instant in a timezone. */
export function toWallClock(instant: Date | string, timeZone: string): string {
	const z = new TZDate(new Date(instant).getTime(), timeZone);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${z.getFullYear()}-${pad(z.getMonth() + 1)}-${pad(z.getDate())}T${pad(z.getHours())}:${pad(z.getMinutes())}`;
}
