import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatImportError, parseTable } from '../../src/lib/inventory/import-parse';
import { planImport } from '../../src/lib/inventory/import-plan';
import {
	nameKey,
	resolveColumns,
	statusOf,
	suggestTarget,
	withoutPrefix
} from '../../src/lib/inventory/import-mapping';

const fixture = (name: string) =>
	readFileSync(new URL(`../fixtures/inventory/${name}`, import.meta.url), 'utf8');

describe('column names from other tools', () => {
	it("recognise NetBox's export and import headers and French ones, ignoring case and accents", () => {
		expect(nameKey("Nom d'hôte")).toBe('nom d hote');
		const cases: [string, string | null][] = [
			['Name', 'hostname'],
			['Status', 'status'],
			['Site', 'location'],
			['Rack', 'location'],
			['Role', 'role'],
			['device_role', 'role'],
			['Platform', 'os'],
			['IP Address', 'addresses'],
			['Primary IPv4', 'addresses'],
			['primary_ip4', 'addresses'],
			['Tags', 'tags'],
			['Comments', 'notes'],
			["Nom d'hôte", 'hostname'],
			['Statut', 'status'],
			['Rôle', 'role'],
			['Emplacement', 'location'],
			['Adresse IP', 'addresses'],
			['Étiquettes', 'tags'],
			['Depends on', 'depends_on'],
			['Tenant', null],
			['Colour', null]
		];
		for (const [name, target] of cases) expect([name, suggestTarget(name)]).toEqual([name, target]);
	});

	it('map status words of NetBox and French spreadsheets, whatever their case', () => {
		expect(
			['active', 'Offline', 'FAILED', 'planned', 'staged', 'decommissioning', 'inventory'].map(
				(v) => statusOf(v)
			)
		).toEqual(['up', 'down', 'down', 'unknown', 'rebuilding', 'down', 'unknown']);
		expect(['En service', 'hors service', 'en panne', 'Dégradé'].map((v) => statusOf(v))).toEqual([
			'up',
			'down',
			'down',
			'degraded'
		]);
		expect(statusOf('Actif')).toBeNull();
		expect(statusOf('Actif', { actif: 'up' })).toBe('up');
	});

	it('keep the host part of an address written with its prefix length', () => {
		expect(withoutPrefix('10.0.0.5/24')).toBe('10.0.0.5');
		expect(withoutPrefix('2001:db8::10/64')).toBe('2001:db8::10');
		expect(withoutPrefix('db01/x')).toBe('db01/x');
	});
});

describe('a NetBox device export', () => {
	const text = fixture('netbox-devices.csv');

	it('maps its columns without being told, unknown ones ignored in the mapping step', () => {
		const table = parseTable(text);
		const targets = resolveColumns(table.columns).map((c) => `${c.name}→${c.target ?? '?'}`);
		expect(targets).toEqual([
			'Name→hostname',
			'Status→status',
			'Tenant→?',
			'Site→location',
			'Location→location',
			'Rack→location',
			'Role→role',
			'Manufacturer→notes',
			'Type→notes',
			'Platform→os',
			'IP Address→addresses',
			'Tags→tags',
			'Description→notes'
		]);
		const plan = planImport(text, [], undefined, { unknown: 'ignore' });
		expect(plan.errors.map(formatImportError)).toEqual([]);
		expect(plan.creates).toEqual(['db01', 'web01', 'web02', 'lb01', 'old-nfs01']);
		expect(plan.rows[0]).toMatchObject({
			status: 'up',
			fields: {
				hostname: 'db01',
				location: 'PAR1 / Hall A / R12',
				role: 'Database',
				os: 'Debian 12',
				addresses: ['10.0.0.5'],
				tags: ['shop-cluster', 'payment'],
				notes: 'Manufacturer: Dell\nType: PowerEdge R640\nDescription: Primary PostgreSQL'
			}
		});
		expect(plan.rows.map((r) => r.status)).toEqual(['up', 'up', 'down', 'rebuilding', 'down']);
		expect(plan.rows[3]?.fields.addresses).toEqual(['2001:db8::10']);
	});

	it('without a mapping, the API refuses the column it does not know, naming it', () => {
		expect(planImport(text, []).errors.map(formatImportError)).toEqual([
			expect.stringMatching(/^line 1, Tenant: unknown column/)
		]);
		const mapped = planImport(text, [], undefined, {
			mapping: { columns: { Tenant: 'notes' }, statuses: {} }
		});
		expect(mapped.rows[0]?.fields.notes).toMatch(/^Tenant: Boutique SA\nManufacturer: Dell/);
	});
});

describe('a French spreadsheet', () => {
	const text = fixture('inventaire-fr.csv');

	it('maps its semicolon-separated columns and French status values', () => {
		const plan = planImport(text, []);
		expect(plan.errors.map(formatImportError)).toEqual([]);
		expect(plan.rows.map((r) => [r.fields.hostname, r.status])).toEqual([
			['srv-bdd01', 'up'],
			['srv-web01', 'down'],
			['srv-cache01', 'down']
		]);
		expect(plan.rows[0]?.fields).toMatchObject({
			role: 'Base de données',
			location: 'Paris — salle 2',
			addresses: ['10.1.0.5'],
			tags: ['boutique', 'paiement'],
			notes: 'Sauvegarde à 02:00'
		});
	});

	it('refuses a status nobody knows, quoting it, and imports nothing', () => {
		const bad = text.replace('hors service', 'Actif');
		const plan = planImport(bad, []);
		expect(plan.errors.map(formatImportError)).toEqual([
			"line 4, status: 'Actif' is not a status; use one of up, degraded, down, rebuilding, unknown"
		]);
		expect(plan.rows).toEqual([]);
		const chosen = planImport(bad, [], undefined, {
			mapping: { columns: {}, statuses: { Actif: 'up' } }
		});
		expect(chosen.rows[2]?.status).toBe('up');
	});
});
