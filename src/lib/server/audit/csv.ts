import Papa from 'papaparse';
import type { AuditEntry } from '$lib/audit/types';

export const AUDIT_CSV_COLUMNS = [
	'time',
	'actor',
	'actor_id',
	'address',
	'source',
	'kind',
	'incident',
	'details'
] as const;

/**
 * A spreadsheet opening the file must not run a cell as a formula (CSV injection): a value
 * starting with = + - @ or a control character is prefixed with an apostrophe.
 */
export function neutralize(value: string): string {
	return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The audit log as CSV (RFC 4180, UTF-8), one row per entry, times in UTC ISO 8601. */
export function auditToCsv(entries: AuditEntry[]): string {
	const rows = entries.map((e) =>
		[
			e.at.toISOString(),
			e.actorName ?? '',
			e.actorId ?? '',
			e.address ?? '',
			e.source,
			e.kind,
			e.incidentTitle ?? '',
			JSON.stringify(e.details)
		].map(neutralize)
	);
	return Papa.unparse({ fields: [...AUDIT_CSV_COLUMNS], data: rows }, { newline: '\r\n' });
}
