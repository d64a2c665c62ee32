import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findSavedMapping, importItems } from '../../src/lib/server/inventory/import';
import { kinds, setting } from './inventory-fixtures';
import { useTestDatabase } from './setup';

const sql = useTestDatabase();

const fixture = (name: string) =>
	readFileSync(new URL(`../fixtures/inventory/${name}`, import.meta.url), 'utf8');

async function itemsOf(org: string) {
	return sql()<
		{
			hostname: string;
			status: string;
			role: string;
			location: string;
			addresses: string[];
			tags: string[];
			os: string;
			notes: string;
		}[]
	>`select hostname, status, role, location, addresses, tags, os, notes
		from inventory_items where organization_id = ${org} order by hostname`;
}

describe('imports from other tools', () => {
	it('a NetBox device export maps as expected, and its mapping is saved and reused', async () => {
		const { admin, org } = await setting();
		const text = fixture('netbox-devices.csv');
		const { result } = await importItems({ actor: admin }, org, {
			text,
			mapping: { columns: { Tenant: 'ignore', Rack: 'notes' }, statuses: {} },
			saveMapping: true
		});
		expect(result).toMatchObject({ created: 5, updated: 0, mappingSaved: true });
		const items = await itemsOf(org);
		expect(items.map((i) => [i.hostname, i.status])).toEqual([
			['db01', 'up'],
			['lb01', 'rebuilding'],
			['old-nfs01', 'down'],
			['web01', 'up'],
			['web02', 'down']
		]);
		expect(items[0]).toMatchObject({
			role: 'Database',
			location: 'PAR1 / Hall A',
			addresses: ['10.0.0.5'],
			tags: ['shop-cluster', 'payment'],
			os: 'Debian 12',
			notes: 'Rack: R12\nManufacturer: Dell\nType: PowerEdge R640\nDescription: Primary PostgreSQL'
		});
		expect(items[1]?.addresses).toEqual(['2001:db8::10']);

		const saved = await findSavedMapping(sql(), org);
		expect(saved?.columns).toEqual({ Tenant: 'ignore', Rack: 'notes' });
		// The next export, sent with the saved mapping: Tenant needs no word again.
		const again = await importItems({ actor: admin }, org, { text, mapping: 'saved' });
		expect(again.result).toMatchObject({ created: 0, updated: 5 });
		// Without a mapping, the unknown Tenant column is refused by name.
		await expect(importItems({ actor: admin }, org, { text })).rejects.toMatchObject({
			errors: [expect.stringMatching(/^line 1, Tenant: unknown column/)]
		});
	});

	it('a French semicolon spreadsheet with a BOM and CRLF maps its headers and values', async () => {
		const { admin, org } = await setting();
		const { result } = await importItems({ actor: admin }, org, {
			text: fixture('inventaire-fr.csv')
		});
		expect(result).toMatchObject({ created: 3, mappingSaved: false });
		const items = await itemsOf(org);
		expect(items.map((i) => [i.hostname, i.status, i.role, i.location])).toEqual([
			['srv-bdd01', 'up', 'Base de données', 'Paris — salle 2'],
			['srv-cache01', 'down', 'Cache', 'Lyon'],
			['srv-web01', 'down', 'Serveur web', 'Paris — salle 2']
		]);
		expect(items[0]).toMatchObject({
			addresses: ['10.1.0.5'],
			tags: ['boutique', 'paiement'],
			notes: 'Sauvegarde à 02:00'
		});
	});

	it('an unknown status is refused quoting it, and nothing is written', async () => {
		const { admin, org } = await setting();
		const before = (await kinds(org)).length;
		const text = fixture('inventaire-fr.csv').replace('hors service', 'Actif');
		await expect(importItems({ actor: admin }, org, { text })).rejects.toMatchObject({
			code: 'invalid',
			message: 'Nothing was imported: the file has 1 error.',
			errors: [
				"line 4, status: 'Actif' is not a status; use one of up, degraded, down, rebuilding, unknown"
			]
		});
		expect(await itemsOf(org)).toEqual([]);
		expect(await kinds(org)).toHaveLength(before);
		expect(await findSavedMapping(sql(), org)).toBeNull();
		// Told what "Actif" means, the same file goes in.
		const { result } = await importItems({ actor: admin }, org, {
			text,
			mapping: { columns: {}, statuses: { Actif: 'up' } }
		});
		expect(result.created).toBe(3);
	});

	it('a mapping naming a field that does not exist is refused before reading the file', async () => {
		const { admin, org } = await setting();
		await expect(
			importItems({ actor: admin }, org, {
				text: 'Name\nweb01',
				mapping: { columns: { Name: 'colour' } }
			})
		).rejects.toMatchObject({ code: 'invalid' });
		expect(await itemsOf(org)).toEqual([]);
	});
});
