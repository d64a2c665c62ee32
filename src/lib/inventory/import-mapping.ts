import { m } from '$lib/paraglide/messages';
import { ITEM_COLUMNS, ITEM_KINDS, ITEM_STATUSES, type ItemColumn, type ItemKind } from './model';
import type { ItemStatus } from './model';

/**
 * How the columns of a file from another tool (a NetBox export, a French spreadsheet) become an
 * item's fields, and how its values become Nightshift's: each column goes to one field or is
 * ignored; several columns may feed one text field (Site, Location and Rack all tell where a
 * server is), a list (tags) or the notes. Known names are recognised in English and French,
 * whatever their case, accents and separators.
 */

export const IGNORE = 'ignore' as const;
export type ColumnTarget = ItemColumn | typeof IGNORE;
export const COLUMN_TARGETS: readonly ColumnTarget[] = [...ITEM_COLUMNS, IGNORE];

/** What a person chose, keyed by the file's column names and its status values as written. */
export interface ImportMapping {
	columns: Record<string, ColumnTarget>;
	statuses: Record<string, ItemStatus>;
}

export const EMPTY_MAPPING: ImportMapping = { columns: {}, statuses: {} };

/** "Nom d'hôte", "nom_d_hote" and "NOM D HÔTE" are one name: lower case, no accents, spaced. */
export function nameKey(name: string): string {
	return name
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
}

const SYNONYMS: Record<ItemColumn, string[]> = {
	hostname: [
		'hostname',
		'host',
		'host name',
		'name',
		'device',
		'device name',
		'server',
		'server name',
		'fqdn',
		'machine',
		'nom',
		'nom d hote',
		'nom de l hote',
		'nom du serveur',
		'nom de machine',
		'serveur',
		'hote'
	],
	kind: ['kind', 'item kind', 'nature', 'genre'],
	role: ['role', 'device role', 'device_role', 'function', 'fonction', 'usage'],
	environment: ['environment', 'env', 'environnement'],
	location: [
		'location',
		'site',
		'rack',
		'datacenter',
		'data center',
		'datacentre',
		'region',
		'emplacement',
		'localisation',
		'lieu',
		'salle',
		'baie',
		'centre de donnees',
		'centre de donnees datacenter'
	],
	provider: ['provider', 'hoster', 'hosting provider', 'hebergeur', 'fournisseur', 'prestataire'],
	addresses: [
		'addresses',
		'address',
		'ip',
		'ips',
		'ip address',
		'ip addresses',
		'primary ip',
		'primary ipv4',
		'primary ipv6',
		'primary ip4',
		'primary ip6',
		'ipv4',
		'ipv6',
		'ipv4 address',
		'ipv6 address',
		'management ip',
		'oob ip',
		'adresse',
		'adresses',
		'adresse ip',
		'adresses ip',
		'ip principale',
		'adresse ipv4',
		'adresse ipv6'
	],
	os: [
		'os',
		'operating system',
		'platform',
		'plateforme',
		'systeme',
		'systeme d exploitation',
		'distribution'
	],
	criticality: ['criticality', 'criticite', 'priority', 'priorite', 'tier', 'importance'],
	tags: ['tags', 'tag', 'labels', 'label', 'etiquettes', 'etiquette', 'mots cles', 'groupes'],
	status: ['status', 'state', 'statut', 'etat', 'operational status'],
	notes: [
		'notes',
		'note',
		'comments',
		'comment',
		'description',
		'remarks',
		'commentaires',
		'commentaire',
		'remarques',
		'manufacturer',
		'type',
		'device type',
		'model',
		'serial',
		'serial number',
		'asset tag',
		'fabricant',
		'constructeur',
		'modele',
		'numero de serie'
	],
	depends_on: ['depends on', 'dependencies', 'depends', 'depend de', 'dependances']
};

const TARGET_BY_NAME = new Map<string, ItemColumn>(
	Object.entries(SYNONYMS).flatMap(([column, names]) =>
		[column, ...names].map((name) => [nameKey(name), column as ItemColumn] as const)
	)
);

/** The field a column's name suggests, or null for a name nobody knows. */
export function suggestTarget(name: string): ItemColumn | null {
	return TARGET_BY_NAME.get(nameKey(name)) ?? null;
}

/** Fields one column at most may feed: a hostname, a kind, a status each come from one place. */
const SINGLE: readonly ItemColumn[] = ['hostname', 'kind', 'status'];
export function isSingleTarget(target: ColumnTarget): boolean {
	return (SINGLE as readonly string[]).includes(target);
}
const LISTS: readonly ItemColumn[] = ['addresses', 'tags', 'depends_on'];

/**
 * Status words from other tools and languages (NetBox's device statuses, French spreadsheets),
 * compared like column names. "Actif" is deliberately absent: active as in "in use" or as in
 * "the alarm is active" cannot be told apart, so it is asked.
 */
const STATUS_WORDS: Record<ItemStatus, string[]> = {
	up: [
		'up',
		'active',
		'online',
		'ok',
		'running',
		'in service',
		'operational',
		'en service',
		'en ligne',
		'operationnel',
		'fonctionnel',
		'en marche'
	],
	degraded: ['degraded', 'warning', 'impaired', 'degrade', 'perturbe', 'partiel'],
	down: [
		'down',
		'offline',
		'failed',
		'decommissioning',
		'out of service',
		'broken',
		'hors service',
		'hors ligne',
		'en panne',
		'panne',
		'arrete',
		'en decommissionnement'
	],
	rebuilding: [
		'rebuilding',
		'staged',
		'provisioning',
		'installing',
		'maintenance',
		'en reconstruction',
		'reconstruction',
		'en installation',
		'en maintenance',
		'en preparation'
	],
	unknown: ['unknown', 'planned', 'inventory', 'inconnu', 'prevu', 'planifie', 'en stock', 'stock']
};

const STATUS_BY_WORD = new Map<string, ItemStatus>(
	Object.entries(STATUS_WORDS).flatMap(([status, words]) =>
		words.map((word) => [nameKey(word), status as ItemStatus] as const)
	)
);

const KIND_WORDS: Record<ItemKind, string[]> = {
	server: [
		'server',
		'device',
		'host',
		'machine',
		'vm',
		'virtual machine',
		'physical',
		'serveur',
		'machine virtuelle',
		'physique'
	],
	service: ['service', 'application', 'app', 'saas']
};

const KIND_BY_WORD = new Map<string, ItemKind>(
	Object.entries(KIND_WORDS).flatMap(([kind, words]) =>
		words.map((word) => [nameKey(word), kind as ItemKind] as const)
	)
);

/** The status a value means: the person's choice for it first, then the known words. */
export function statusOf(value: string, chosen: ImportMapping['statuses'] = {}): ItemStatus | null {
	const own = Object.entries(chosen).find(([written]) => nameKey(written) === nameKey(value));
	return own?.[1] ?? STATUS_BY_WORD.get(nameKey(value)) ?? null;
}

export function kindOf(value: string): ItemKind | null {
	return KIND_BY_WORD.get(nameKey(value)) ?? null;
}

export const STATUS_LIST = ITEM_STATUSES.join(', ');
export const KIND_LIST = ITEM_KINDS.join(', ');

/** "line 4, status: 'Actif' is not a status; use one of up, degraded, down, rebuilding, unknown". */
export function notAStatus(value: string): string {
	return m.inventory_import_not_a_status({ value, statuses: STATUS_LIST });
}

export function notAKind(value: string): string {
	return m.inventory_import_not_a_kind({ value, kinds: KIND_LIST });
}

/** One column of the file and where it goes. */
export interface ResolvedColumn {
	name: string;
	target: ColumnTarget;
	/** Whether the target comes from a known name (or a saved choice) rather than a default. */
	known: boolean;
}

/**
 * Each column's target: the person's (or the saved) choice, else the field its name suggests;
 * a name nobody knows is ignored when `unknown` is "ignore", or reported as null.
 */
export function resolveColumns(
	names: readonly string[],
	mapping: ImportMapping = EMPTY_MAPPING
): { name: string; target: ColumnTarget | null; known: boolean }[] {
	const chosen = new Map(Object.entries(mapping.columns).map(([k, v]) => [nameKey(k), v]));
	const taken = new Set<ColumnTarget>();
	return names
		.map((name) => {
			const own = chosen.get(nameKey(name));
			if (own !== undefined) {
				taken.add(own);
				return { name, target: own, known: true };
			}
			return { name, target: null, known: false };
		})
		.map((column) => {
			if (column.target !== null) return column;
			const suggested = suggestTarget(column.name);
			// A second "Name"-like column does not take the hostname from the first: it is ignored.
			if (suggested === null) return column;
			if (isSingleTarget(suggested) && taken.has(suggested)) return { ...column, target: IGNORE };
			taken.add(suggested);
			return { name: column.name, target: suggested, known: true };
		});
}

/** Problems with a set of targets: a field fed twice that takes one value, no hostname. */
export function mappingProblems(columns: readonly { name: string; target: ColumnTarget | null }[]) {
	const problems: { field: string | null; message: string }[] = [];
	for (const target of SINGLE) {
		const feeding = columns.filter((c) => c.target === target).map((c) => c.name);
		if (feeding.length > 1)
			problems.push({
				field: target,
				message: m.inventory_import_column_twice({ columns: feeding.join(', ') })
			});
	}
	if (!columns.some((c) => c.target === 'hostname'))
		problems.push({ field: 'hostname', message: m.inventory_import_no_hostname() });
	return problems;
}

/** IPv4 or IPv6 followed by a prefix length: NetBox writes addresses as 10.0.0.5/24. */
const WITH_PREFIX = /^([0-9a-fA-F:.]+)\/\d{1,3}$/;
export function withoutPrefix(address: string): string {
	const match = WITH_PREFIX.exec(address.trim());
	return match?.[1] && (match[1].includes('.') || match[1].includes(':')) ? match[1] : address;
}

/**
 * One record's values by field, from its cells by column: single fields take their column's
 * value, text fields join theirs with " / ", lists gather theirs, and several note columns
 * are written "Column: value", one a line.
 */
export function combineCells(
	columns: readonly { name: string; target: ColumnTarget | null }[],
	cells: readonly unknown[]
): Partial<Record<ItemColumn, unknown>> {
	const values: Partial<Record<ItemColumn, unknown>> = {};
	const notes = columns.filter((c) => c.target === 'notes').length;
	columns.forEach((column, index) => {
		const target = column.target;
		const cell = cells[index];
		if (target === null || target === IGNORE || cell === undefined) return;
		if (isSingleTarget(target)) {
			values[target] = cell;
			return;
		}
		const previous = values[target];
		if ((LISTS as readonly string[]).includes(target)) {
			const items = Array.isArray(cell) ? cell : cell === null ? [] : [cell];
			const before = Array.isArray(previous) ? previous : [];
			values[target] = [...before, ...items];
			return;
		}
		const text = typeof cell === 'string' ? cell.trim() : cell;
		if (target === 'notes' && notes > 1) {
			if (text === '' || text === null) {
				values.notes ??= '';
				return;
			}
			const line = `${column.name}: ${String(text)}`;
			values.notes =
				typeof previous === 'string' && previous !== '' ? `${previous}\n${line}` : line;
			return;
		}
		if (previous === undefined || previous === '' || previous === null) values[target] = text;
		else if (text !== '' && text !== null) values[target] = `${String(previous)} / ${String(text)}`;
	});
	return values;
}
