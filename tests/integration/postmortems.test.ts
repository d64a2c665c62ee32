import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/lib/server/access/actor';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { changeIncidentStatus, declareIncident } from '../../src/lib/server/incidents/commands';
import {
	addActionItem,
	changeActionItem,
	listOpenActionItems,
	removeActionItem
} from '../../src/lib/server/postmortems/action-items';
import {
	createPostmortem,
	movePostmortem,
	saveSection
} from '../../src/lib/server/postmortems/commands';
import { chartSvgFile } from '../../src/lib/server/postmortems/chart-svg';
import { buildDocument } from '../../src/lib/server/postmortems/build-document';
import { readPostmortemPage } from '../../src/lib/server/postmortems/page';
import { listSections, readPublication } from '../../src/lib/server/postmortems/queries';
import { addMember, newOrganization, newUser, useTestDatabase } from './setup';

const sql = useTestDatabase();
const FORMAT = { timezone: 'Europe/Paris', locale: 'en' };

async function resolvedIncident(owner: Actor, organizationId: string) {
	const { incidentId } = (
		await declareIncident({ actor: owner }, organizationId, {
			title: 'Checkout down',
			severity: 'SEV2'
		})
	).result;
	await changeIncidentStatus({ actor: owner }, incidentId, { status: 'resolved' });
	return incidentId;
}

async function section(incidentId: string, key: string) {
	const found = (await listSections(sql(), incidentId)).find((s) => s.key === key);
	if (!found) throw new Error(`no section ${key}`);
	return found;
}

async function demoIncident(title: string) {
	await seedDemo();
	const [row] = await sql()<{ id: string }[]>`select id from incidents where title = ${title}`;
	if (!row) throw new Error(`no demo incident ${title}`);
	return row.id;
}

describe('the demo’s resolved incident', () => {
	it('has the figures its timeline says, each explained from its events', async () => {
		const incidentId = await demoIncident('Payment pages down: db01 disk failure');
		const { figures, keyEvents } = await buildDocument(sql(), incidentId, FORMAT);
		expect(figures.detect.value).toBe(18);
		expect(figures.detect.explanation).toMatch(/Storage logs/);
		expect(figures.declare.value).toBe(6);
		expect(figures.mobilise).toHaveLength(1);
		expect(figures.mobilise[0]).toMatchObject({
			organizationName: 'Rempart Hosting',
			value: 2,
			startKind: 'call'
		});
		expect(figures.recover.value).toBe(314);
		expect(figures.downtime.value).toBe(298);
		expect(figures.downtime.items.map((i) => i.hostname)).toEqual(['payment-pages']);
		expect(figures.slippage.value).toBe(42);
		expect(figures.slippage.drivers.map((d) => [d.title, d.overMinutes])).toEqual([
			['Restore db01 from the last backup', 32],
			['Confirm the failed disks on db01', 15],
			['Replay binlogs up to the failure', 2],
			['Monitor payments for 30 minutes', 2]
		]);
		expect(figures.slippage.waitMinutes).toBe(8);
		for (const figure of [figures.detect, figures.declare, figures.recover, figures.downtime]) {
			expect(figure.events.length).toBeGreaterThan(0);
		}
		expect(keyEvents[0]).toMatchObject({ reason: 'pinned', kind: 'timeline.decision' });
	});

	it('is published as version 1 with its open and overdue action items', async () => {
		const incidentId = await demoIncident('Payment pages down: db01 disk failure');
		const published = await readPublication(sql(), incidentId, 1);
		expect(published?.status).toBe('published');
		expect(published?.figures.recover.value).toBe(314);
		expect(published?.actionItems).toHaveLength(4);
		const [claire] = await sql()<
			{ id: string }[]
		>`select id from users where email = 'claire@petitnuage.example'`;
		const today = new Date().toISOString().slice(0, 10);
		const overdue = await listOpenActionItems(claire?.id ?? '', { dueBefore: today });
		expect(overdue.map((a) => a.title).sort()).toEqual([
			'Alert on a degraded RAID array, not only on a failed disk',
			'Raise the backup vault link to 10 Gb/s so a restore fits its plan'
		]);
	});

	it('stores its chart as data, not markup, and draws it from that data', async () => {
		const incidentId = await demoIncident('Payment pages down: db01 disk failure');
		const [stored] = await sql()<{ kind: string | null; svg: boolean; markup: boolean }[]>`
			select document->'chart'->>'kind' as kind, document ? 'chartSvg' as svg,
				document::text like '%<svg%' as markup
			from postmortem_publications where incident_id = ${incidentId} and number = 1`;
		expect(stored).toEqual({ kind: 'data', svg: false, markup: false });
		const published = await readPublication(sql(), incidentId, 1);
		if (published?.chart.kind !== 'data') throw new Error('expected chart data');
		expect(published.chart.data.steps.map((s) => s.title)).toContain(
			'Restore db01 from the last backup'
		);
		expect(chartSvgFile(published.chart)).toContain('Restore db01 from the last backup');
	});

	it('still shows a version published with its chart as SVG markup, as it was published', async () => {
		const incidentId = await demoIncident('Payment pages down: db01 disk failure');
		// What publications held before the chart was a component: the SVG string itself.
		const svg =
			'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><text>v1 é</text></svg>';
		await sql()`
			update postmortem_publications
			set document = (document - 'chart') || jsonb_build_object('chartSvg', ${svg}::text)
			where incident_id = ${incidentId} and number = 1`;
		const published = await readPublication(sql(), incidentId, 1);
		expect(published?.chart).toEqual({ kind: 'svg', svg });
		expect(published?.figures.recover.value).toBe(314);
		const [claire] = await sql()<{ id: string }[]>`
			select id from users where email = 'claire@petitnuage.example'`;
		const page = await readPostmortemPage({ userId: claire?.id ?? '' }, incidentId, {
			...FORMAT,
			version: 1
		});
		expect(page.document?.chart).toEqual({ kind: 'svg', svg });
		expect(chartSvgFile(published?.chart ?? { kind: 'svg', svg: '' })).toBe(svg);
	});
});

describe('writing a post-mortem together', () => {
	it('creates a draft only for a resolved incident, pre-filled from the timeline', async () => {
		const owner = await newUser('Claire');
		const organizationId = await newOrganization(owner);
		const open = (
			await declareIncident({ actor: owner }, organizationId, {
				title: 'Still down',
				severity: 'SEV3'
			})
		).result.incidentId;
		await expect(createPostmortem({ actor: owner }, open)).rejects.toMatchObject({
			code: 'invalid'
		});
		const incidentId = await resolvedIncident(owner, organizationId);
		await createPostmortem({ actor: owner }, incidentId);
		expect((await section(incidentId, 'summary')).body).toMatch(/SEV2 “Checkout down”/);
		expect((await section(incidentId, 'timeline')).body).toMatch(/Declared SEV2|declared/i);
		await expect(createPostmortem({ actor: owner }, incidentId)).rejects.toMatchObject({
			code: 'conflict'
		});
	});

	it('keeps both texts when two people save different sections, and refuses a stale save of the same one', async () => {
		const owner = await newUser('Claire');
		const organizationId = await newOrganization(owner);
		const other = await addMember(organizationId, 'responder', 'Julien');
		const incidentId = await resolvedIncident(owner, organizationId);
		await createPostmortem({ actor: owner }, incidentId);
		const rootCause = await section(incidentId, 'root_cause');
		const wentWell = await section(incidentId, 'went_well');
		await saveSection({ actor: owner }, incidentId, {
			key: 'root_cause',
			body: 'A disk.',
			baseVersion: rootCause.version
		});
		await saveSection({ actor: other }, incidentId, {
			key: 'went_well',
			body: 'Fast call.',
			baseVersion: wentWell.version
		});
		expect((await section(incidentId, 'root_cause')).body).toBe('A disk.');
		expect((await section(incidentId, 'went_well')).body).toBe('Fast call.');

		const stale = saveSection({ actor: other }, incidentId, {
			key: 'root_cause',
			body: 'Two disks.',
			baseVersion: rootCause.version
		});
		await expect(stale).rejects.toMatchObject({
			code: 'conflict',
			fields: { currentVersion: String(rootCause.version + 1) }
		});
		expect((await section(incidentId, 'root_cause')).body).toBe('A disk.');
		// Choosing to keep one's text means saving over the version one has now seen.
		await saveSection({ actor: other }, incidentId, {
			key: 'root_cause',
			body: 'Two disks.',
			baseVersion: rootCause.version + 1
		});
		expect((await section(incidentId, 'root_cause')).body).toBe('Two disks.');
	});

	it('refuses edits once published, keeps the publication, and reopens only as a revision', async () => {
		const owner = await newUser('Claire');
		const organizationId = await newOrganization(owner);
		const incidentId = await resolvedIncident(owner, organizationId);
		await createPostmortem({ actor: owner }, incidentId);
		const item = await addActionItem({ actor: owner }, incidentId, {
			title: 'Alert on RAID degradation',
			ownerId: owner.userId,
			dueOn: '2030-01-31'
		});
		await expect(
			movePostmortem({ actor: owner }, incidentId, { to: 'published' })
		).rejects.toMatchObject({ code: 'invalid' });
		await movePostmortem({ actor: owner }, incidentId, { to: 'in_review' });
		await movePostmortem({ actor: owner }, incidentId, { to: 'published' });

		const summary = await section(incidentId, 'summary');
		await expect(
			saveSection({ actor: owner }, incidentId, {
				key: 'summary',
				body: 'Changed',
				baseVersion: summary.version
			})
		).rejects.toMatchObject({
			code: 'conflict',
			message: expect.stringMatching(/published and read-only/)
		});
		await expect(
			addActionItem({ actor: owner }, incidentId, {
				title: 'Another one',
				ownerId: owner.userId,
				dueOn: '2030-01-31'
			})
		).rejects.toMatchObject({ code: 'conflict' });
		await expect(
			changeActionItem({ actor: owner }, item.result.id, {
				version: item.result.version,
				title: 'Renamed'
			})
		).rejects.toMatchObject({ code: 'conflict' });
		await expect(removeActionItem({ actor: owner }, item.result.id)).rejects.toMatchObject({
			code: 'conflict'
		});
		expect((await section(incidentId, 'summary')).body).toBe(summary.body);

		// Its action items are still tracked until done.
		const done = await changeActionItem({ actor: owner }, item.result.id, {
			version: item.result.version,
			status: 'done'
		});
		expect(done.result.status).toBe('done');

		await movePostmortem({ actor: owner }, incidentId, { to: 'draft' });
		await saveSection({ actor: owner }, incidentId, {
			key: 'summary',
			body: 'Revised',
			baseVersion: summary.version
		});
		const first = await readPublication(sql(), incidentId, 1);
		expect(first?.sections.find((s) => s.key === 'summary')?.body).toBe(summary.body);
		const page = await readPostmortemPage({ userId: owner.userId }, incidentId, {
			...FORMAT,
			version: 1
		});
		expect(page.postmortem?.status).toBe('draft');
		expect('viewing' in page ? page.viewing : null).toBe(1);
	});

	it('lets viewers read but not write, and outsiders learn nothing', async () => {
		const owner = await newUser('Claire');
		const organizationId = await newOrganization(owner);
		const viewer = await addMember(organizationId, 'viewer', 'Viewer');
		const outsider = await newUser('Outsider');
		const incidentId = await resolvedIncident(owner, organizationId);
		await expect(createPostmortem({ actor: viewer }, incidentId)).rejects.toMatchObject({
			code: 'forbidden'
		});
		await createPostmortem({ actor: owner }, incidentId);
		const summary = await section(incidentId, 'summary');
		await expect(
			saveSection({ actor: viewer }, incidentId, {
				key: 'summary',
				body: 'x',
				baseVersion: summary.version
			})
		).rejects.toMatchObject({ code: 'forbidden' });
		await expect(
			saveSection({ actor: outsider }, incidentId, {
				key: 'summary',
				body: 'x',
				baseVersion: summary.version
			})
		).rejects.toMatchObject({ code: 'not_found' });
		const page = await readPostmortemPage({ userId: viewer.userId }, incidentId, FORMAT);
		expect(page.canEdit).toBe(false);
		await expect(
			readPostmortemPage({ userId: outsider.userId }, incidentId, FORMAT)
		).rejects.toMatchObject({
			code: 'not_found'
		});
	});

	it('refuses an action item owned by someone outside the incident, or badly dated', async () => {
		const owner = await newUser('Claire');
		const organizationId = await newOrganization(owner);
		const outsider = await newUser('Outsider');
		const incidentId = await resolvedIncident(owner, organizationId);
		await createPostmortem({ actor: owner }, incidentId);
		await expect(
			addActionItem({ actor: owner }, incidentId, {
				title: 'Fix it',
				ownerId: outsider.userId,
				dueOn: '2030-01-01'
			})
		).rejects.toMatchObject({ code: 'invalid', fields: { ownerId: expect.any(String) } });
		await expect(
			addActionItem({ actor: owner }, incidentId, {
				title: 'Fix it',
				ownerId: owner.userId,
				dueOn: '31/01/2030'
			})
		).rejects.toMatchObject({ code: 'invalid', message: expect.stringMatching(/YYYY-MM-DD/) });
		const [row] = await sql()<{ count: number }[]>`
			select count(*)::int as count from action_items where incident_id = ${incidentId}`;
		expect(row?.count).toBe(0);
	});
});
