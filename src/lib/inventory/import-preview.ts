import {
	EMPTY_MAPPING,
	IGNORE,
	resolveColumns,
	statusOf,
	type ColumnTarget,
	type ImportMapping
} from './import-mapping';
import { parseTable, type ImportError, type ImportFormat } from './import-parse';
import type { ItemStatus } from './model';

/** What the mapping step shows: each column, where it goes, and the first rows as read. */
export interface ImportPreview {
	format: ImportFormat;
	columns: { name: string; target: ColumnTarget; known: boolean; samples: string[] }[];
	/** The first rows, one cell per column, as text. */
	rows: { where: string; cells: string[] }[];
	total: number;
	/** Each value of the status column, how often it appears and the status it means (or null). */
	statuses: { value: string; count: number; status: ItemStatus | null }[];
	errors: ImportError[];
}

export const PREVIEW_ROWS = 5;

const asText = (cell: unknown): string =>
	cell === undefined || cell === null
		? ''
		: Array.isArray(cell)
			? cell.map(String).join(', ')
			: typeof cell === 'object'
				? JSON.stringify(cell)
				: String(cell);

/** The file read under a mapping (or under its known names): unknown columns start ignored. */
export function previewImport(
	text: string,
	mapping: ImportMapping = EMPTY_MAPPING,
	format?: ImportFormat
): ImportPreview {
	const table = parseTable(text, format);
	const resolved = resolveColumns(table.columns, mapping);
	const columns = resolved.map((column, index) => ({
		name: column.name,
		target: column.target ?? IGNORE,
		known: column.target !== null,
		samples: [
			...new Set(table.rows.map((row) => asText(row.cells[index]).trim()).filter((v) => v !== ''))
		].slice(0, 3)
	}));
	const statusIndex = columns.findIndex((c) => c.target === 'status');
	const counts = new Map<string, number>();
	if (statusIndex >= 0) {
		for (const row of table.rows) {
			const value = asText(row.cells[statusIndex]).trim();
			if (value !== '') counts.set(value, (counts.get(value) ?? 0) + 1);
		}
	}
	return {
		format: table.format,
		columns,
		rows: table.rows
			.slice(0, PREVIEW_ROWS)
			.map((row) => ({ where: row.where, cells: row.cells.map(asText) })),
		total: table.rows.length,
		statuses: [...counts].map(([value, count]) => ({
			value,
			count,
			status: statusOf(value, mapping.statuses)
		})),
		errors: table.errors
	};
}
