import { findUnstorable, unstorableReason } from '$lib/text/storable';
import Papa from 'papaparse';
import { m } from '$lib/paraglide/messages';
import {
	combineCells,
	mappingProblems,
	nameKey,
	resolveColumns,
	type ImportMapping
} from './import-mapping';
import { ITEM_COLUMNS, type ItemColumn } from './model';

/**
 * Reading an import file (CSV or JSON) into records, each labelled with where it came from so
 * that every error names it: "line 4" (the file line, the header being line 1) for CSV, "item
 * 3" (the array index + 1) for JSON. Nothing here knows about the database.
 */

export const IMPORT_MAX_BYTES = 1024 * 1024;
export const IMPORT_MAX_ITEMS = 5000;

export type ImportFormat = 'csv' | 'json';

export interface ImportError {
	/** "line 4", "item 3", or null for the file as a whole. */
	where: string | null;
	field: string | null;
	message: string;
}

export interface RawRecord {
	where: string;
	/** Only the columns the file gives: an absent column leaves an existing item's value alone. */
	values: Partial<Record<ItemColumn, unknown>>;
}

export interface ParsedImport {
	format: ImportFormat;
	records: RawRecord[];
	errors: ImportError[];
}

/** "line 4" in the reader's language: where a CSV record came from. */
export function lineLabel(line: number): string {
	return m.imp_line({ line });
}

/** "item 3" in the reader's language: where a JSON record came from. */
export function itemLabel(item: number): string {
	return m.imp_item({ item });
}

/** "line 4, status: must be one of …": the one way an import error is written. */
export function formatImportError(error: ImportError): string {
	const head = [error.where, error.field].filter((part) => part !== null).join(', ');
	return head ? m.imp_error_at({ where: head, message: error.message }) : error.message;
}

/** JSON starts with "[" (or "{", refused later with a clear message); anything else is CSV. */
export function detectFormat(text: string): ImportFormat {
	const first = text.replace(/^\uFEFF/, '').trimStart()[0];
	return first === '[' || first === '{' ? 'json' : 'csv';
}

const COLUMN_LIST = ITEM_COLUMNS.join(', ');

export interface TableRow {
	where: string;
	/** One cell per column; undefined where a JSON object lacks the key. */
	cells: unknown[];
}

/** The file as columns and rows, before any column means anything: what the mapping step shows. */
export interface ImportTable {
	format: ImportFormat;
	columns: string[];
	rows: TableRow[];
	errors: ImportError[];
}

export interface ParseOptions {
	mapping?: ImportMapping;
	/** A column whose name nobody knows: refused (the API without a mapping) or ignored. */
	unknown?: 'refuse' | 'ignore';
}

export function parseTable(text: string, format: ImportFormat = detectFormat(text)): ImportTable {
	const bytes = new TextEncoder().encode(text).length;
	if (bytes > IMPORT_MAX_BYTES) {
		const size = (bytes / (1024 * 1024)).toFixed(1);
		return fileError(format, m.imp_file_too_large({ size }));
	}
	if (text.trim() === '') return fileError(format, m.imp_file_empty());
	const unstorable = unstorableReason(text);
	if (unstorable) return fileError(format, m.imp_file_unstorable({ reason: unstorable }));
	return format === 'json' ? parseJson(text) : parseCsv(text);
}

/** The file's records, each column taken to its field by the mapping (or by its known name). */
export function parseImport(
	text: string,
	format: ImportFormat = detectFormat(text),
	options: ParseOptions = {}
): ParsedImport {
	const table = parseTable(text, format);
	if (table.errors.some((e) => e.where === null || e.where === lineLabel(1)))
		return { format: table.format, records: [], errors: table.errors };
	const errors = [...table.errors];
	const resolved = resolveColumns(table.columns, options.mapping);
	const headerWhere = table.format === 'csv' ? lineLabel(1) : null;
	const columns = resolved.map((column) => {
		if (column.target !== null || options.unknown === 'ignore') return column;
		if (table.format === 'json') return column;
		errors.push({
			where: headerWhere,
			field: column.name.trim() || m.imp_empty_name(),
			message: m.imp_unknown_column({ columns: COLUMN_LIST })
		});
		return column;
	});
	const headerErrors = errors.length - table.errors.length;
	if (headerErrors === 0) {
		for (const problem of mappingProblems(columns)) errors.push({ where: headerWhere, ...problem });
	}
	if (errors.length > table.errors.length) return { format: table.format, records: [], errors };
	const records = table.rows.map((row) => {
		if (table.format === 'json' && options.unknown !== 'ignore') {
			columns.forEach((column, index) => {
				if (column.target === null && row.cells[index] !== undefined)
					errors.push({
						where: row.where,
						field: column.name,
						message: m.imp_unknown_field({ fields: COLUMN_LIST })
					});
			});
		}
		return { where: row.where, values: combineCells(columns, row.cells) };
	});
	return { format: table.format, records, errors };
}

function fileError(format: ImportFormat, message: string): ImportTable {
	return { format, columns: [], rows: [], errors: [{ where: null, field: null, message }] };
}

function tooMany(format: ImportFormat, count: number): ImportTable {
	return fileError(format, m.imp_too_many_items({ count, max: IMPORT_MAX_ITEMS }));
}

function parseJson(text: string): ImportTable {
	let data: unknown;
	try {
		data = JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch (cause) {
		const reason = cause instanceof Error ? cause.message : String(cause);
		return fileError('json', m.imp_json_unreadable({ reason }));
	}
	const unstorable = findUnstorable(data);
	if (unstorable) return fileError('json', m.imp_json_unstorable(unstorable));
	if (!Array.isArray(data))
		return fileError('json', m.imp_json_not_array({ example: '[{ … }, …]' }));
	if (data.length > IMPORT_MAX_ITEMS) return tooMany('json', data.length);
	const columns: string[] = [];
	const objects: { where: string; entry: Record<string, unknown> }[] = [];
	const errors: ImportError[] = [];
	data.forEach((entry: unknown, index) => {
		const where = itemLabel(index + 1);
		if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
			errors.push({ where, field: null, message: m.imp_item_not_object() });
			return;
		}
		const record = Object.fromEntries(Object.entries(entry));
		for (const key of Object.keys(record)) if (!columns.includes(key)) columns.push(key);
		objects.push({ where, entry: record });
	});
	const rows = objects.map(({ where, entry }) => ({
		where,
		cells: columns.map((column) => entry[column])
	}));
	return { format: 'json', columns, rows, errors };
}

/** Spreadsheets save CSV with ",", ";" (French Excel) or tabs: the header line tells which. */
function delimiterOf(headerLine: string): string {
	if (headerLine.includes('\t')) return '\t';
	const commas = headerLine.split(',').length;
	const semicolons = headerLine.split(';').length;
	return semicolons > commas ? ';' : ',';
}

function parseCsv(input: string): ImportTable {
	const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
	const firstLine = text.split('\n').find((line) => line.trim() !== '') ?? '';
	const rows = readCsvRows(text, delimiterOf(firstLine));
	const [header, ...body] = rows.filter((row) => !row.blank);
	if (!header) return fileError('csv', m.imp_file_empty());
	const errors: ImportError[] = [...header.errors];
	const columns = readHeader(header, errors);
	if (errors.length > 0) return { format: 'csv', columns, rows: [], errors };
	if (body.length > IMPORT_MAX_ITEMS) return tooMany('csv', body.length);
	const records: TableRow[] = [];
	for (const row of body) {
		const where = lineLabel(row.line);
		if (row.errors.length > 0) {
			errors.push(...row.errors);
			continue;
		}
		if (row.cells.length > columns.length) {
			errors.push({
				where,
				field: null,
				message: m.imp_too_many_values({ values: row.cells.length, columns: columns.length })
			});
			continue;
		}
		// A short row (spreadsheets drop trailing empty cells) leaves its last columns empty.
		records.push({ where, cells: columns.map((_, index) => row.cells[index] ?? '') });
	}
	return { format: 'csv', columns, rows: records, errors };
}

/** The header's names as written (trimmed); an unnamed column is called by its position. */
function readHeader(header: CsvRow, errors: ImportError[]): string[] {
	const columns: string[] = [];
	const where = lineLabel(header.line);
	header.cells.forEach((cell, index) => {
		const name = cell.trim() || m.imp_column_position({ position: index + 1 });
		if (columns.some((c) => nameKey(c) === nameKey(name))) {
			errors.push({ where, field: name, message: m.imp_column_twice() });
		} else columns.push(name);
	});
	return columns;
}

interface CsvRow {
	line: number;
	cells: string[];
	blank: boolean;
	errors: ImportError[];
}

/**
 * Papa Parse reads the CSV (quotes, doubled quotes, separators and newlines inside quotes);
 * its cursor tells where each row ends, hence on which file line the next one starts.
 */
function readCsvRows(text: string, delimiter: string): CsvRow[] {
	const rows: CsvRow[] = [];
	let start = 0;
	let line = 1;
	Papa.parse<string[]>(text, {
		delimiter,
		newline: '\n',
		step: (result) => {
			const cells = result.data;
			const where = lineLabel(line);
			rows.push({
				line,
				cells,
				blank: cells.every((cell) => cell.trim() === ''),
				errors: [...new Set(result.errors.map((error) => quoteProblem(error.code)))].map(
					(message) => ({ where, field: null, message })
				)
			});
			const end = result.meta.cursor;
			line += countNewlines(text, start, end);
			start = end;
		}
	});
	return rows;
}

function quoteProblem(code: string): string {
	return code === 'MissingQuotes' ? m.imp_quote_unclosed() : m.imp_quote_undoubled();
}

function countNewlines(text: string, from: number, to: number): number {
	let count = 0;
	for (let index = from; index < to; index += 1) if (text[index] === '\n') count += 1;
	return count;
}
