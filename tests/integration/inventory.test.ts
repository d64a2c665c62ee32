import { describe, expect, it } from 'vitest';
import { listEventsAfter } from '../../src/lib/server/events/queries';
import { createItem, deleteItem, updateItem } from '../../src/lib/server/inventory/commands';
import { linkItemToIncident } from '../../src/lib/server/inventory/links';
import { setItemStatus } from '../../src/lib/server/inventory/status';
import { listInventory } from '../../src/lib/server/inventory/views';
import { item, kinds, newIncident, setting, statusOf } from './inventory-fixtures';
import { useTestDatabase } from './setup';

const sql = useTestDatabase();

describe('creating and editing items', () => {
	it('an admin creates an item with its dependencies, and the organization stream says so', async () => {
		const { admin, org } = await setting();
		const db01 = await item(admin, org, 'db01', { role: 'database', tags: 'shop-cluster DB' });
		const web01 = await item(admin, org, 'web01', {
			addresses: '10.0.0.11; 2001:db8::11',
			dependsOn: 'DB01',
			criticality: 'payment'
		});
		const [row] =
			await sql()`select addresses, tags, status from inventory_items where id = ${db01}`;
		expect(row).toEqual({ addresses: [], tags: ['shop-cluster', 'db'], status: 'unknown' });
		const deps =
			await sql()`select depends_on_id from inventory_dependencies where item_id = ${web01}`;
		expect(deps.map((d) => d.depends_on_id)).toEqual([db01]);
		expect(await kinds(org)).toEqual([
			'organization.created',
			'inventory.created',
			'inventory.created'
		]);
	});

	it('a viewer may not create; an outsider learns nothing; nothing is written', async () => {
		const { viewer, outsider, org } = await setting();
		await expect(createItem({ actor: viewer }, org, { hostname: 'web01' })).rejects.toMatchObject({
			code: 'forbidden'
		});
		await expect(createItem({ actor: outsider }, org, { hostname: 'web01' })).rejects.toMatchObject(
			{ code: 'not_found' }
		);
		const [row] =
			await sql()`select count(*)::int as n from inventory_items where organization_id = ${org}`;
		expect(row?.n).toBe(0);
	});

	it('refuses a hostname taken in another case, and a dependency on an unknown item', async () => {
		const { admin, org } = await setting();
		await item(admin, org, 'web01');
		await expect(createItem({ actor: admin }, org, { hostname: 'WEB01' })).rejects.toMatchObject({
			code: 'conflict',
			fields: { hostname: 'Another item is already named web01.' }
		});
		await expect(
			createItem({ actor: admin }, org, { hostname: 'lb01', dependsOn: 'web09' })
		).rejects.toMatchObject({
			code: 'invalid',
			fields: { dependsOn: 'There is no item web09 in this inventory.' }
		});
		await expect(
			createItem({ actor: admin }, org, { hostname: 'lb01', status: 'on fire' })
		).rejects.toMatchObject({
			code: 'invalid',
			fields: { status: expect.stringContaining('must be one of') }
		});
	});

	it('an update records which fields changed; a stale version is refused naming what changed', async () => {
		const { admin, owner, org } = await setting();
		const web01 = await item(admin, org, 'web01', { role: 'front' });
		const { result } = await updateItem({ actor: admin }, web01, {
			hostname: 'web01',
			role: 'front end',
			version: 1
		});
		expect(result).toMatchObject({ version: 2, changed: ['role'] });
		await expect(
			updateItem({ actor: owner }, web01, { hostname: 'web01', role: 'x', tags: 'a', version: 1 })
		).rejects.toMatchObject({
			code: 'conflict',
			message: expect.stringMatching(/^web01 was changed by Alice since you opened it \(role\)/)
		});
		const [row] = await sql()`select role, tags, version from inventory_items where id = ${web01}`;
		expect(row).toEqual({ role: 'front end', tags: [], version: 2 });
	});

	it('an edit made before a status change still saves: the form does not carry the status', async () => {
		const { admin, responder, org } = await setting();
		const web01 = await item(admin, org, 'web01');
		await setItemStatus({ actor: responder }, web01, { status: 'down' });
		const { result } = await updateItem({ actor: admin }, web01, {
			hostname: 'web01',
			os: 'Debian 12',
			version: 1
		});
		expect(result.version).toBe(3);
		expect(await statusOf(web01)).toEqual({ status: 'down', version: 3 });
	});

	it('refuses a dependency that would close a cycle', async () => {
		const { admin, org } = await setting();
		const db01 = await item(admin, org, 'db01');
		await item(admin, org, 'web01', { dependsOn: 'db01' });
		await item(admin, org, 'lb01', { dependsOn: 'web01' });
		await expect(
			updateItem({ actor: admin }, db01, { hostname: 'db01', dependsOn: 'lb01', version: 1 })
		).rejects.toMatchObject({
			code: 'invalid',
			message: 'This would make a dependency cycle: db01 → lb01 → web01 → db01.'
		});
	});

	it('a viewer may not update; an outsider gets not_found', async () => {
		const { admin, viewer, outsider, org } = await setting();
		const web01 = await item(admin, org, 'web01');
		const input = { hostname: 'web99', version: 1 };
		await expect(updateItem({ actor: viewer }, web01, input)).rejects.toMatchObject({
			code: 'forbidden'
		});
		await expect(updateItem({ actor: outsider }, web01, input)).rejects.toMatchObject({
			code: 'not_found'
		});
	});
});

describe('deleting items', () => {
	it('refuses while other items depend on it, unless their dependencies go too', async () => {
		const { admin, org } = await setting();
		const db01 = await item(admin, org, 'db01');
		const web01 = await item(admin, org, 'web01', { dependsOn: 'db01' });
		await expect(deleteItem({ actor: admin }, db01)).rejects.toMatchObject({
			code: 'conflict',
			message: expect.stringMatching(/^web01 depends on db01/)
		});
		const { result } = await deleteItem({ actor: admin }, db01, { detach: 'on' });
		expect(result.detached).toEqual(['web01']);
		expect(await sql()`select 1 from inventory_dependencies where item_id = ${web01}`).toHaveLength(
			0
		);
		expect((await kinds(org)).at(-1)).toBe('inventory.deleted');
	});

	it('refuses while an open incident lists it; a viewer may not delete', async () => {
		const { admin, viewer, org } = await setting();
		const db01 = await item(admin, org, 'db01');
		await expect(deleteItem({ actor: viewer }, db01)).rejects.toMatchObject({ code: 'forbidden' });
		const incident = await newIncident(org);
		await linkItemToIncident({ actor: admin }, incident, { itemId: db01 });
		await expect(deleteItem({ actor: admin }, db01)).rejects.toMatchObject({
			message: 'db01 is linked to the open incident “Shop down”: unlink it there first.'
		});
	});
});

describe('status', () => {
	it('a responder sets the status; a viewer may not; an outsider gets not_found', async () => {
		const { admin, responder, viewer, outsider, org } = await setting();
		const web03 = await item(admin, org, 'web03', { status: 'down' });
		const { result } = await setItemStatus({ actor: responder }, web03, {
			status: 'rebuilding',
			reason: 'reinstall'
		});
		expect(result).toMatchObject({ status: 'rebuilding', changed: true, version: 2 });
		const last = (await listEventsAfter(org, 0)).at(-1);
		expect(last).toMatchObject({
			kind: 'inventory.status_changed',
			actorName: 'Rémi',
			payload: {
				itemId: web03,
				hostname: 'web03',
				from: 'down',
				to: 'rebuilding',
				reason: 'reinstall'
			}
		});
		await expect(setItemStatus({ actor: viewer }, web03, { status: 'up' })).rejects.toMatchObject({
			code: 'forbidden'
		});
		await expect(setItemStatus({ actor: outsider }, web03, { status: 'up' })).rejects.toMatchObject(
			{ code: 'not_found' }
		);
		expect(await statusOf(web03)).toEqual({ status: 'rebuilding', version: 2 });
	});

	it('setting the same status again changes nothing and appends nothing', async () => {
		const { admin, org } = await setting();
		const web01 = await item(admin, org, 'web01', { status: 'up' });
		const before = await kinds(org);
		const { result } = await setItemStatus({ actor: admin }, web01, { status: 'up' });
		expect(result.changed).toBe(false);
		expect(await kinds(org)).toEqual(before);
	});

	it('a change sent on a stale version is refused if the status moved meanwhile', async () => {
		const { admin, responder, org } = await setting();
		const web01 = await item(admin, org, 'web01', { status: 'down' });
		await setItemStatus({ actor: responder }, web01, { status: 'rebuilding' });
		await expect(
			setItemStatus({ actor: admin }, web01, { status: 'up', version: 1 })
		).rejects.toMatchObject({
			code: 'conflict',
			message: expect.stringMatching(/^web01 was set to rebuilding by Rémi since you saw it/)
		});
		// A description edit in between does not block a status change.
		await updateItem({ actor: admin }, web01, { hostname: 'web01', role: 'front', version: 2 });
		await setItemStatus({ actor: responder }, web01, { status: 'up', version: 2 });
		expect(await statusOf(web01)).toEqual({ status: 'up', version: 4 });
	});

	it('the change and its event are committed together: no event, no change', async () => {
		const { admin, org } = await setting();
		const web01 = await item(admin, org, 'web01', { status: 'down' });
		// Without its stream the event cannot be appended, so the row must not change either.
		await sql()`delete from streams where id = ${org}`;
		await expect(setItemStatus({ actor: admin }, web01, { status: 'up' })).rejects.toMatchObject({
			code: 'not_found'
		});
		expect(await statusOf(web01)).toEqual({ status: 'down', version: 1 });
	});
});

describe('reading the inventory', () => {
	it('filters by tag, status and text; a viewer reads, an outsider does not', async () => {
		const { admin, viewer, outsider, org } = await setting();
		await item(admin, org, 'web01', { tags: 'shop-cluster', status: 'up', location: 'Roubaix' });
		await item(admin, org, 'web02', { tags: 'shop-cluster', status: 'down' });
		await item(admin, org, 'mail01', { status: 'down' });
		const names = async (filters: object) =>
			(await listInventory(viewer, org, filters)).map((i) => i.hostname);
		expect(await names({})).toEqual(['mail01', 'web01', 'web02']);
		expect(await names({ tag: 'Shop-Cluster' })).toEqual(['web01', 'web02']);
		expect(await names({ status: 'down', tag: 'shop-cluster' })).toEqual(['web02']);
		expect(await names({ q: 'roubaix' })).toEqual(['web01']);
		expect(await names({ q: '%' })).toEqual([]);
		await expect(listInventory(outsider, org)).rejects.toMatchObject({ code: 'not_found' });
	});
});
