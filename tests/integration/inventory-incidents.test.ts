import { describe, expect, it } from 'vitest';
import { listEventsAfter } from '../../src/lib/server/events/queries';
import { importItems } from '../../src/lib/server/inventory/import';
import {
	linkItemToIncident,
	listIncidentItems,
	unlinkItemFromIncident
} from '../../src/lib/server/inventory/links';
import { setItemStatus } from '../../src/lib/server/inventory/status';
import { blastRadius } from '../../src/lib/server/inventory/views';
import { item, kinds, member, newIncident, setting } from './inventory-fixtures';
import { newOrganization, newUser, useTestDatabase } from './setup';

const sql = useTestDatabase();

describe('incidents', () => {
	it('a status change of a linked item appears in the timeline of its open incidents only', async () => {
		const { admin, responder, org } = await setting();
		const web03 = await item(admin, org, 'web03', { status: 'down' });
		const open = await newIncident(org);
		const closed = await newIncident(org, [], 'closed');
		await linkItemToIncident({ actor: responder }, open, { itemId: web03 });
		await sql()`insert into incident_items (incident_id, item_id) values (${closed}, ${web03})`;
		await setItemStatus({ actor: responder }, web03, { status: 'rebuilding' });
		const events = await listEventsAfter(open, 0);
		expect(events.map((e) => [e.kind, e.payload])).toEqual([
			['inventory.linked', { itemId: web03, hostname: 'web03', status: 'down' }],
			[
				'inventory.status_changed',
				{ itemId: web03, hostname: 'web03', from: 'down', to: 'rebuilding', version: 2 }
			]
		]);
		expect(await listEventsAfter(closed, 0)).toEqual([]);
	});

	it("the hoster's responder, taking part in the incident, sets the client's linked item", async () => {
		const { admin, org } = await setting();
		const hosterOwner = await newUser('Rempart');
		const hoster = await newOrganization(hosterOwner, 'provider');
		const marc = await member(hoster, 'responder', 'Marc');
		const hosterViewer = await member(hoster, 'viewer', 'Vera');
		const web03 = await item(admin, org, 'web03', { status: 'down' });
		const incident = await newIncident(org, [hoster]);
		await expect(setItemStatus({ actor: marc }, web03, { status: 'up' })).rejects.toMatchObject({
			code: 'not_found'
		});
		await linkItemToIncident({ actor: admin }, incident, { itemId: web03 });
		await setItemStatus({ actor: marc }, web03, { status: 'rebuilding' });
		await expect(
			setItemStatus({ actor: hosterViewer }, web03, { status: 'up' })
		).rejects.toMatchObject({ code: 'forbidden' });
		const seen = await listIncidentItems(hosterViewer, incident);
		expect(seen.map((i) => [i.hostname, i.status])).toEqual([['web03', 'rebuilding']]);
		await expect(listIncidentItems(await newUser(), incident)).rejects.toMatchObject({
			code: 'not_found'
		});
	});

	it('links only items of an organization taking part; unlinking appends inventory.unlinked', async () => {
		const { admin, viewer, org } = await setting();
		const web01 = await item(admin, org, 'web01');
		const other = await newOrganization(await newUser());
		const incident = await newIncident(other);
		await expect(
			linkItemToIncident({ actor: admin }, incident, { itemId: web01 })
		).rejects.toMatchObject({ code: 'not_found' });
		const mine = await newIncident(org);
		await expect(
			linkItemToIncident({ actor: viewer }, mine, { itemId: web01 })
		).rejects.toMatchObject({ code: 'forbidden' });
		await linkItemToIncident({ actor: admin }, mine, { itemId: web01 });
		const again = await linkItemToIncident({ actor: admin }, mine, { itemId: web01 });
		expect(again.result.linked).toBe(false);
		await unlinkItemFromIncident({ actor: admin }, mine, { itemId: web01 });
		expect(await kinds(mine)).toEqual(['inventory.linked', 'inventory.unlinked']);
		await expect(
			unlinkItemFromIncident({ actor: admin }, mine, { itemId: web01 })
		).rejects.toMatchObject({ code: 'not_found' });
	});
});

describe('import', () => {
	it('creates new items and updates known ones by hostname, with one event', async () => {
		const { admin, org } = await setting();
		await item(admin, org, 'db01', { role: 'old' });
		const text = [
			'hostname,role,tags,status,depends_on',
			'DB01,database,shop-cluster,down,',
			'web01,front,shop-cluster,up,db01',
			'lb01,balancer,shop-cluster,up,web01'
		].join('\n');
		const { result } = await importItems({ actor: admin }, org, { text });
		expect(result).toMatchObject({
			created: 2,
			updated: 1,
			createdHostnames: ['web01', 'lb01'],
			updatedHostnames: ['DB01']
		});
		const rows =
			await sql()`select hostname, role, status from inventory_items where organization_id = ${org} order by hostname`;
		expect(rows.map((r) => [r.hostname, r.role, r.status])).toEqual([
			['DB01', 'database', 'down'],
			['lb01', 'balancer', 'up'],
			['web01', 'front', 'up']
		]);
		expect((await kinds(org)).filter((k) => k === 'inventory.imported')).toHaveLength(1);
		const [db01] = await sql()`
			select id from inventory_items where hostname = 'DB01' and organization_id = ${org}`;
		expect((await blastRadius(admin, db01?.id)).map((e) => [e.hostname, e.depth, e.via])).toEqual([
			['web01', 1, 'DB01'],
			['lb01', 2, 'web01']
		]);
	});

	it('imports nothing when one row is bad, and names its line and field', async () => {
		const { admin, org } = await setting();
		const text = 'hostname,status\nweb01,up\nweb02,sideways\nweb03,down';
		await expect(importItems({ actor: admin }, org, { text })).rejects.toMatchObject({
			code: 'invalid',
			message: 'Nothing was imported: the file has 1 error.',
			errors: [
				"line 3, status: 'sideways' is not a status; use one of up, degraded, down, rebuilding, unknown"
			]
		});
		expect(await sql()`select 1 from inventory_items where organization_id = ${org}`).toHaveLength(
			0
		);
		expect(await kinds(org)).toEqual(['organization.created']);
	});

	it('a status change by import reaches the incidents the item is linked to', async () => {
		const { admin, org } = await setting();
		const web01 = await item(admin, org, 'web01', { status: 'down' });
		const incident = await newIncident(org);
		await linkItemToIncident({ actor: admin }, incident, { itemId: web01 });
		await importItems({ actor: admin }, org, {
			text: JSON.stringify([{ hostname: 'web01', status: 'up' }])
		});
		expect((await listEventsAfter(incident, 0)).at(-1)?.payload).toMatchObject({
			from: 'down',
			to: 'up'
		});
	});

	it('a responder may not import; an outsider gets not_found', async () => {
		const { responder, outsider, org } = await setting();
		const text = 'hostname\nweb01';
		await expect(importItems({ actor: responder }, org, { text })).rejects.toMatchObject({
			code: 'forbidden'
		});
		await expect(importItems({ actor: outsider }, org, { text })).rejects.toMatchObject({
			code: 'not_found'
		});
	});
});
