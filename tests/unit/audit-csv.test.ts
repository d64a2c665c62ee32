import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/lib/audit/types';
import { AUDIT_CSV_COLUMNS, auditToCsv, neutralize } from '../../src/lib/server/audit/csv';

const entry = (overrides: Record<string, unknown> = {}): AuditEntry =>
	({
		id: 'e1',
		at: new Date('2025-11-21T21:05:00Z'),
		origin: 'organization',
		kind: 'member.role_changed',
		actorId: 'u1',
		actorName: 'Claire',
		address: '192.0.2.7',
		source: 'manual',
		incidentTitle: null,
		incidentId: null,
		details: { from: 'viewer', to: 'admin' },
		...overrides
	}) as unknown as AuditEntry;

describe('the audit CSV export', () => {
	it('has one header row and one row per entry, times in UTC, details as JSON', () => {
		const rows = Papa.parse<string[]>(auditToCsv([entry()]).trim()).data;
		expect(rows[0]).toEqual([...AUDIT_CSV_COLUMNS]);
		expect(rows[1]).toEqual([
			'2025-11-21T21:05:00.000Z',
			'Claire',
			'u1',
			'192.0.2.7',
			'manual',
			'member.role_changed',
			'',
			'{"from":"viewer","to":"admin"}'
		]);
	});

	it('keeps commas, quotes and line breaks inside their cell', () => {
		const csv = auditToCsv([entry({ incidentTitle: 'Shop "down", again\nand again' })]);
		expect(Papa.parse<string[]>(csv.trim()).data[1]?.[6]).toBe('Shop "down", again\nand again');
	});

	it('never lets a spreadsheet run a cell as a formula', () => {
		expect(neutralize('=HYPERLINK("http://evil")')).toBe('\'=HYPERLINK("http://evil")');
		for (const start of ['+', '-', '@', '\t']) expect(neutralize(`${start}1`)).toBe(`'${start}1`);
		expect(neutralize('Claire')).toBe('Claire');
		const csv = auditToCsv([entry({ actorName: '=cmd|calc' })]);
		expect(Papa.parse<string[]>(csv.trim()).data[1]?.[1]).toBe("'=cmd|calc");
	});
});
