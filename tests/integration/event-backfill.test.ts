import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listEventsAfter } from '../../src/lib/server/events/queries';
import { linkItemToIncident } from '../../src/lib/server/inventory/links';
import { setItemStatus } from '../../src/lib/server/inventory/status';
import { item, newIncident, setting } from './inventory-fixtures';
import { useTestDatabase } from './setup';

const sql = useTestDatabase();
const BACKFILL = readFileSync('migrations/0009_event_versions.sql', 'utf8');

describe('events written before the event map', () => {
	it('an incident’s copy of a status change gets the version of the organization’s event', async () => {
		const { admin, responder, org } = await setting();
		const web03 = await item(admin, org, 'web03', { status: 'down' });
		const incident = await newIncident(org);
		await linkItemToIncident({ actor: responder }, incident, { itemId: web03 });
		await setItemStatus({ actor: responder }, web03, { status: 'rebuilding' });
		// What the copy looked like before: no version.
		await sql()`
			update events set payload = payload - 'version'
			where stream_id = ${incident} and kind = 'inventory.status_changed'`;

		await sql().unsafe(BACKFILL);
		const copy = (await listEventsAfter(incident, 0)).find(
			(e) => e.kind === 'inventory.status_changed'
		);
		const original = (await listEventsAfter(org, 0)).find(
			(e) => e.kind === 'inventory.status_changed'
		);
		expect(copy?.payload).toEqual(original?.payload);
		expect(copy?.payload).toMatchObject({ version: 2 });
	});
});
