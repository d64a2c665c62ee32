import { m } from '$lib/paraglide/messages';
import { adjacency, findCycles, type Edge } from './graph';
import {
	EMPTY_MAPPING,
	kindOf,
	notAKind,
	notAStatus,
	statusOf,
	withoutPrefix,
	type ImportMapping
} from './import-mapping';
import {
	parseImport,
	type ImportError,
	type ImportFormat,
	type ParseOptions,
	type RawRecord
} from './import-parse';
import {
	fieldProblem,
	ITEM_FIELD_SCHEMAS,
	splitList,
	type ItemColumn,
	type ItemFields,
	type ItemStatus
} from './model';

/**
 * Checks a whole import file before anything is written: every error, with where it is and
 * which field, so a person fixes the file once. An import creates the items it does not know
 * and updates those it does, matched by hostname (case-insensitive).
 */

export interface ExistingItem {
	hostname: string;
	/** Hostnames of the items it depends on now. */
	dependsOn: readonly string[];
}

export interface ImportRow {
	where: string;
	action: 'create' | 'update';
	/** Only the columns the file gives, plus the hostname. */
	fields: Partial<ItemFields> & { hostname: string };
	/** Absent: keep the status (new items start "unknown"). */
	status?: ItemStatus;
	/** Absent: keep the dependencies; present: replace them (hostnames as written). */
	dependsOn?: string[];
}

export interface ImportPlan {
	format: ImportFormat;
	rows: ImportRow[];
	errors: ImportError[];
	creates: string[];
	updates: string[];
}

const key = (hostname: string) => hostname.toLowerCase();

export function planImport(
	text: string,
	existing: readonly ExistingItem[],
	format?: ImportFormat,
	options: ParseOptions = {}
): ImportPlan {
	const parsed = parseImport(text, format, options);
	const mapping = options.mapping ?? EMPTY_MAPPING;
	const errors = [...parsed.errors];
	const known = new Map(existing.map((item) => [key(item.hostname), item]));
	const rows = parsed.records
		.map((record) => readRecord(record, known, errors, mapping))
		.filter((row) => row !== null);
	if (!errors.some((error) => error.where === null)) {
		checkDuplicates(rows, errors);
		checkDependencies(rows, known, errors);
	}
	const ok = errors.length === 0;
	return {
		format: parsed.format,
		rows: ok ? rows : [],
		errors: sortErrors(errors),
		creates: ok ? rows.filter((r) => r.action === 'create').map((r) => r.fields.hostname) : [],
		updates: ok ? rows.filter((r) => r.action === 'update').map((r) => r.fields.hostname) : []
	};
}

// An empty cell (or null) means "no value": cleared for text, left alone for kind and status.
const KEEP_WHEN_EMPTY: readonly ItemColumn[] = ['kind', 'status'];

function readRecord(
	record: RawRecord,
	known: ReadonlyMap<string, ExistingItem>,
	errors: ImportError[],
	mapping: ImportMapping
): ImportRow | null {
	const values: Record<string, unknown> = {};
	let valid = true;
	for (const [column, raw] of Object.entries(record.values) as [ItemColumn, unknown][]) {
		const empty = raw === null || raw === undefined || (typeof raw === 'string' && !raw.trim());
		if (empty && KEEP_WHEN_EMPTY.includes(column)) continue;
		const translated = empty ? { value: '' } : translate(column, raw, mapping);
		if (translated.problem) {
			errors.push({ where: record.where, field: column, message: translated.problem });
			valid = false;
			continue;
		}
		const value = translated.value;
		const schema = ITEM_FIELD_SCHEMAS[column];
		const problem = fieldProblem(schema, value);
		if (problem) {
			errors.push({ where: record.where, field: column, message: problem });
			valid = false;
		} else values[column] = schema.parse(value);
	}
	if (!('hostname' in record.values)) {
		errors.push({ where: record.where, field: 'hostname', message: m.imp_required() });
		return null;
	}
	if (!valid || typeof values.hostname !== 'string') return null;
	const { status, depends_on: dependsOn, ...fields } = values;
	const hostname = values.hostname;
	return {
		where: record.where,
		action: known.has(key(hostname)) ? 'update' : 'create',
		fields: { ...(fields as Partial<ItemFields>), hostname },
		...(status === undefined ? {} : { status: status as ItemStatus }),
		...(dependsOn === undefined ? {} : { dependsOn: dependsOn as string[] })
	};
}

/**
 * A value in another tool's words made Nightshift's: "Active" or "en service" is up; an
 * address keeps its host part (NetBox writes 10.0.0.5/24). A word nobody knows is quoted back.
 */
function translate(
	column: ItemColumn,
	raw: unknown,
	mapping: ImportMapping
): { value: unknown; problem?: string } {
	if (column === 'status' && typeof raw === 'string') {
		const status = statusOf(raw, mapping.statuses);
		return status ? { value: status } : { value: raw, problem: notAStatus(raw.trim()) };
	}
	if (column === 'kind' && typeof raw === 'string') {
		const kind = kindOf(raw);
		return kind ? { value: kind } : { value: raw, problem: notAKind(raw.trim()) };
	}
	if (column === 'addresses') {
		const parts = splitList(Array.isArray(raw) ? raw.map(String) : String(raw));
		return { value: parts.map(withoutPrefix) };
	}
	return { value: raw };
}

function checkDuplicates(rows: readonly ImportRow[], errors: ImportError[]) {
	const first = new Map<string, string>();
	for (const row of rows) {
		const hostname = row.fields.hostname;
		const earlier = first.get(key(hostname));
		if (earlier) {
			errors.push({
				where: row.where,
				field: 'hostname',
				message: m.imp_hostname_twice({ hostname, earlier })
			});
		} else first.set(key(hostname), row.where);
	}
}

function checkDependencies(
	rows: readonly ImportRow[],
	known: ReadonlyMap<string, ExistingItem>,
	errors: ImportError[]
) {
	const inFile = new Map(rows.map((row) => [key(row.fields.hostname), row]));
	const before = errors.length;
	for (const row of rows) {
		for (const name of row.dependsOn ?? []) {
			const message =
				key(name) === key(row.fields.hostname)
					? m.imp_self_dependency({ hostname: row.fields.hostname })
					: inFile.has(key(name)) || known.has(key(name))
						? null
						: m.imp_no_such_item({ name });
			if (message) errors.push({ where: row.where, field: 'depends_on', message });
		}
	}
	// A cycle is only worth naming once every name in it is known and no item depends on itself.
	if (errors.length === before) checkCycles(inFile, known, errors);
}

/** The graph as it would be after the import, then its cycles, each told on a file row in it. */
function checkCycles(
	inFile: ReadonlyMap<string, ImportRow>,
	known: ReadonlyMap<string, ExistingItem>,
	errors: ImportError[]
) {
	const names = new Map<string, string>();
	const edges: Edge[] = [];
	const dependenciesOf = (node: string, list: readonly string[]) => {
		for (const name of list) {
			names.set(key(name), names.get(key(name)) ?? name);
			edges.push({ from: node, to: key(name) });
		}
	};
	for (const [node, item] of known) {
		names.set(node, item.hostname);
		if (inFile.get(node)?.dependsOn === undefined) dependenciesOf(node, item.dependsOn);
	}
	for (const [node, row] of inFile) {
		names.set(node, row.fields.hostname);
		dependenciesOf(node, row.dependsOn ?? []);
	}
	for (const cycle of findCycles(adjacency(edges))) {
		const row = cycle.map((node) => inFile.get(node)).find((r) => r?.dependsOn !== undefined);
		if (!row) continue;
		const start = cycle.indexOf(key(row.fields.hostname));
		const path = [...cycle.slice(start, -1), ...cycle.slice(0, start + 1)];
		errors.push({
			where: row.where,
			field: 'depends_on',
			message: m.imp_cycle({ path: path.map((n) => names.get(n) ?? n).join(' → ') })
		});
	}
}

/** File-level errors first, then by line or item number, in the order they were found. */
function sortErrors(errors: readonly ImportError[]): ImportError[] {
	const position = (error: ImportError) =>
		error.where === null ? 0 : Number(/\d+/.exec(error.where)?.[0] ?? 0);
	return [...errors].sort((a, b) => position(a) - position(b));
}
