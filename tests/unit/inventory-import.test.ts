import { describe, expect, it } from 'vitest';
import {
	detectFormat,
	formatImportError,
	IMPORT_MAX_ITEMS,
	parseImport
} from '../../src/lib/inventory/import-parse';
import { planImport, type ExistingItem } from '../../src/lib/inventory/import-plan';

const messages = (text: string, existing: ExistingItem[] = []) =>
	planImport(text, existing).errors.map(formatImportError);

const HEADER = 'hostname,kind,role,addresses,tags,status,depends_on';

describe('CSV import', () => {
	it('reads items with lists separated by spaces or semicolons', () => {
		const plan = planImport(
			[
				HEADER,
				'db01,server,database,10.0.0.5,shop-cluster,down,',
				'web01,server,front end,"10.0.0.11; 2001:db8::11",Shop-Cluster front,up,db01'
			].join('\n'),
			[]
		);
		expect(plan.errors).toEqual([]);
		expect(plan.creates).toEqual(['db01', 'web01']);
		expect(plan.rows[1]).toMatchObject({
			where: 'line 3',
			action: 'create',
			fields: {
				hostname: 'web01',
				role: 'front end',
				addresses: ['10.0.0.11', '2001:db8::11'],
				tags: ['shop-cluster', 'front']
			},
			status: 'up',
			dependsOn: ['db01']
		});
	});

	it('names the file line and the field of a bad value', () => {
		const text = [HEADER, 'db01,server,,,,down,', 'web01,server,,,,on fire,'].join('\n');
		expect(messages(text)).toEqual([
			"line 3, status: 'on fire' is not a status; use one of up, degraded, down, rebuilding, unknown"
		]);
	});

	it('counts lines inside quoted values and skips blank lines when numbering', () => {
		const text = ['hostname,notes,status', 'db01,"two', 'lines",up', '', 'web01,,sideways'].join(
			'\r\n'
		);
		expect(messages(text)).toEqual([
			"line 5, status: 'sideways' is not a status; use one of up, degraded, down, rebuilding, unknown"
		]);
	});

	it('reports every error of the file at once, in file order', () => {
		const text = [
			'hostname,kind,status,depends_on',
			'web 01,box,up,',
			'web02,server,sideways,web09',
			',server,up,'
		].join('\n');
		expect(messages(text)).toEqual([
			'line 2, hostname: use letters, digits, dots, hyphens or underscores, starting with a letter or digit',
			"line 2, kind: 'box' is not a kind; use one of server, service",
			"line 3, status: 'sideways' is not a status; use one of up, degraded, down, rebuilding, unknown",
			'line 4, hostname: is required'
		]);
	});

	it('refuses unknown and missing columns on the header line', () => {
		expect(messages('hostname,colour\nweb01,blue')).toEqual([
			expect.stringMatching(/^line 1, colour: unknown column; the columns are hostname, kind/)
		]);
		expect(messages('role\nfront end')).toEqual([
			'line 1, hostname: no column gives the hostname: choose the column of server names for hostname'
		]);
	});

	it('accepts "Depends on" as a header and semicolon-separated files', () => {
		const plan = planImport('Hostname;Depends on\ndb01;\nweb01;db01', []);
		expect(plan.errors).toEqual([]);
		expect(plan.rows[1]?.dependsOn).toEqual(['db01']);
	});

	it('refuses a row with more values than columns and an unclosed quote', () => {
		expect(messages('hostname,role\nweb01,front,extra\nweb02,"front')).toEqual([
			expect.stringMatching(/^line 2: has 3 values but the header names 2 columns/),
			'line 3: a value opened with a double quote is never closed'
		]);
	});

	it('finds duplicate hostnames inside the file, whatever their case', () => {
		expect(messages('hostname\nweb01\ndb01\nWEB01')).toEqual([
			'line 4, hostname: WEB01 appears twice in the file (also line 2)'
		]);
	});

	it('updates the items it knows by hostname and says which', () => {
		const plan = planImport('hostname,role\nWeb01,front\nweb05,front', [
			{ hostname: 'web01', dependsOn: [] }
		]);
		expect(plan.updates).toEqual(['Web01']);
		expect(plan.creates).toEqual(['web05']);
		// An absent column is left alone, an empty kind or status too.
		expect(plan.rows[0]?.fields).toEqual({ hostname: 'Web01', role: 'front' });
		expect(plan.rows[0]).not.toHaveProperty('dependsOn');
	});

	it('names a dependency on a hostname that is neither in the file nor the inventory', () => {
		const text = 'hostname,depends_on\ndb01,\nweb01,db01 lb01\nweb02,web01;web09';
		expect(messages(text, [{ hostname: 'lb01', dependsOn: [] }])).toEqual([
			'line 4, depends_on: no item web09 in the file or the inventory'
		]);
	});

	it('refuses a self-dependency', () => {
		expect(messages('hostname,depends_on\nweb01,web01')).toEqual([
			'line 2, depends_on: web01 cannot depend on itself'
		]);
	});

	it('refuses a dependency cycle inside the file', () => {
		const text = 'hostname,depends_on\na,b\nb,c\nc,a';
		expect(messages(text)).toEqual([
			'line 2, depends_on: would make a dependency cycle: a → b → c → a'
		]);
	});

	it('refuses a cycle closed through the existing inventory', () => {
		// lb01 already depends on web01; the file makes web01 depend on lb01.
		const existing = [
			{ hostname: 'lb01', dependsOn: ['web01'] },
			{ hostname: 'web01', dependsOn: [] }
		];
		expect(messages('hostname,depends_on\nweb01,lb01', existing)).toEqual([
			'line 2, depends_on: would make a dependency cycle: web01 → lb01 → web01'
		]);
	});

	it('accepts what would be a cycle when the file also replaces the old dependency', () => {
		const existing = [
			{ hostname: 'lb01', dependsOn: ['web01'] },
			{ hostname: 'web01', dependsOn: [] }
		];
		expect(messages('hostname,depends_on\nweb01,lb01\nlb01,', existing)).toEqual([]);
	});

	it('imports nothing when any row is wrong', () => {
		const plan = planImport('hostname,status\ndb01,up\nweb01,sideways', []);
		expect(plan.rows).toEqual([]);
		expect(plan.creates).toEqual([]);
	});
});

describe('JSON import', () => {
	it('reads an array of objects, lists given as arrays or text', () => {
		const plan = planImport(
			JSON.stringify([
				{ hostname: 'db01', tags: ['shop-cluster'], status: 'down' },
				{ hostname: 'web01', depends_on: 'db01', addresses: ['10.0.0.11'], os: null }
			]),
			[]
		);
		expect(plan.format).toBe('json');
		expect(plan.errors).toEqual([]);
		expect(plan.rows[1]).toMatchObject({ dependsOn: ['db01'], fields: { os: '' } });
	});

	it('names the item (index + 1) and field of a bad value', () => {
		const text = JSON.stringify([
			{ hostname: 'db01' },
			{ hostname: 'web01' },
			{ hostname: 'web02', status: 'on fire', role: 42 }
		]);
		expect(messages(text)).toEqual([
			"item 3, status: 'on fire' is not a status; use one of up, degraded, down, rebuilding, unknown",
			'item 3, role: must be text'
		]);
	});

	it('refuses what is not an array of objects', () => {
		expect(messages('{"hostname":"db01"}')).toEqual([
			'The JSON must be an array of objects, one per item: [{ … }, …].'
		]);
		expect(messages('[{"hostname":"db01"}, "web01", {"colour":"x"}]')).toEqual([
			'item 2: must be an object with a hostname',
			expect.stringMatching(/^item 3, colour: unknown field/),
			'item 3, hostname: is required'
		]);
		expect(messages('[{"hostname": }]')[0]).toMatch(/^The JSON could not be read: /);
	});
});

describe('limits', () => {
	it('refuses a file over 1 MB before reading it', () => {
		const big = 'hostname,notes\n' + `web01,${'x'.repeat(1024 * 1024)}\n`;
		expect(messages(big)).toEqual(['The file is 1.0 MB; an import takes at most 1 MB. Split it.']);
	});

	it('refuses more than 5,000 items', () => {
		const rows = Array.from({ length: IMPORT_MAX_ITEMS + 1 }, (_, i) => `h${i}`);
		expect(messages(['hostname', ...rows].join('\n'))).toEqual([
			'The file has 5001 items; an import takes at most 5000. Split it.'
		]);
		expect(parseImport(['hostname', ...rows.slice(1)].join('\n')).errors).toEqual([]);
	});

	it('refuses an empty file', () => {
		expect(messages('  \n')).toEqual(['The file is empty.']);
	});
});

describe('format detection', () => {
	it('takes a leading bracket as JSON and anything else as CSV', () => {
		expect(detectFormat('\uFEFF  [{"hostname":"a"}]')).toBe('json');
		expect(detectFormat('hostname\na')).toBe('csv');
	});
});
