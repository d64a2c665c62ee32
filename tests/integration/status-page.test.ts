import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../src/lib/server/db/db';
import { declareIncident } from '../../src/lib/server/incidents/commands';
import { createItem } from '../../src/lib/server/inventory/commands';
import { forgetPublicStatus } from '../../src/lib/server/status/cache';
import { postPublicUpdate, saveStatusPage } from '../../src/lib/server/status/commands';
import {
	cancelMaintenance,
	scheduleMaintenance,
	updateMaintenance
} from '../../src/lib/server/status/maintenances';
import { readPublicStatus } from '../../src/lib/server/status/queries';
import { statuspageSummary } from '../../src/lib/server/status/statuspage';
import { confirmSubscription, subscribe } from '../../src/lib/server/status/subscribers';
import { addNote } from '../../src/lib/server/timeline/commands';
import { call } from './harness/dispatch';
import { addMember, newOrganization, newUser, useTestDatabase } from './setup';

useTestDatabase();

const SECRET = 'INTERNAL-ONLY: the root password of db01 is on the wiki';
const endpoint = (routeId: string) => ({
	kind: 'endpoint' as const,
	key: `GET ${routeId}`,
	routeId,
	method: 'GET'
});
const view = (routeId: string) => ({ kind: 'view' as const, key: `view ${routeId}`, routeId });

const schema = JSON.parse(
	readFileSync(new URL('../fixtures/statuspage/summary.schema.json', import.meta.url), 'utf8')
) as object;
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats.default(ajv);
const validateSummary = ajv.compile(schema);

let owner: Awaited<ReturnType<typeof newUser>>;
let organizationId: string;
let incidentId: string;
let slug: string;
let componentId: string;

async function read(routeId: string) {
	forgetPublicStatus(slug);
	const answer = await call(endpoint(routeId), { params: { slug } });
	expect(answer.status, answer.body.slice(0, 300)).toBe(200);
	return answer.body;
}

beforeAll(async () => {
	owner = await newUser('Claire (DSI)');
	organizationId = await newOrganization(owner);
	slug = `petit-nuage-${Date.now().toString(36)}`;
	const pay = await createItem({ actor: owner }, organizationId, {
		hostname: 'web01',
		kind: 'service',
		criticality: 'payment'
	});
	const catalogue = await createItem({ actor: owner }, organizationId, { hostname: 'idx01' });
	await saveStatusPage({ actor: owner }, organizationId, {
		enabled: true,
		slug,
		title: 'Petit Nuage',
		components: [
			{ itemId: pay.result.itemId, name: 'Payment pages', state: 'operational' },
			{ itemId: catalogue.result.itemId, name: 'Catalogue', state: 'operational' }
		]
	});
	const [row] = await db()<{ id: string }[]>`
		select id from status_components where organization_id = ${organizationId} order by position limit 1`;
	componentId = row?.id ?? '';
	incidentId = (
		await declareIncident({ actor: owner }, organizationId, {
			title: 'db01 disk',
			severity: 'SEV1'
		})
	).result.incidentId;
	await addNote({ actor: owner }, incidentId, { text: SECRET });
	await postPublicUpdate({ actor: owner }, incidentId, {
		name: 'Payments unavailable',
		phase: 'investigating',
		impact: 'critical',
		body: 'Payments fail; we are on it.',
		components: [{ componentId, state: 'major_outage' }],
		affectedComponents: [componentId]
	});
	await postPublicUpdate({ actor: owner }, incidentId, {
		phase: 'identified',
		body: 'A database server failed; it is being rebuilt.'
	});
});

describe('the public status page', () => {
	it('answers summary.json in Statuspage’s documented shape', async () => {
		const summary = JSON.parse(await read('/status/[slug]/api/v2/summary.json')) as Record<
			string,
			unknown
		>;
		const valid = validateSummary(summary);
		expect(valid, ajv.errorsText(validateSummary.errors)).toBe(true);
		expect(summary.status).toEqual({ indicator: 'critical', description: 'Major Service Outage' });
		const incidents = summary.incidents as { name: string; incident_updates: unknown[] }[];
		expect(incidents.map((i) => i.name)).toEqual(['Payments unavailable']);
		expect(incidents[0]?.incident_updates).toHaveLength(2);
		const components = summary.components as { name: string; status: string }[];
		expect(components.map((c) => [c.name, c.status])).toEqual([
			['Payment pages', 'major_outage'],
			['Catalogue', 'operational']
		]);
	});

	it('names the components each public incident affects, and what each update changed', async () => {
		const summary = JSON.parse(await read('/status/[slug]/api/v2/summary.json')) as {
			incidents: {
				components: { name: string }[];
				incident_updates: { status: string; affected_components: unknown }[];
			}[];
		};
		const [incident] = summary.incidents;
		expect(incident?.components.map((c) => c.name)).toEqual(['Payment pages']);
		const first = incident?.incident_updates.find((u) => u.status === 'investigating');
		expect(first?.affected_components).toEqual([
			{
				code: componentId,
				name: 'Payment pages',
				old_status: 'operational',
				new_status: 'major_outage'
			}
		]);
		const second = incident?.incident_updates.find((u) => u.status === 'identified');
		expect(second?.affected_components).toBeNull();
	});

	it('refuses an affected component of another page, and changes nothing', async () => {
		const other = await newUser('Elsewhere');
		const otherOrg = await newOrganization(other);
		const item = await createItem({ actor: other }, otherOrg, { hostname: 'x1' });
		await saveStatusPage({ actor: other }, otherOrg, {
			enabled: true,
			slug: `elsewhere-${Date.now().toString(36)}`,
			title: 'Elsewhere',
			components: [{ itemId: item.result.itemId, name: 'Theirs' }]
		});
		const [theirs] = await db()<{ id: string }[]>`
			select id from status_components where organization_id = ${otherOrg}`;
		const before = await db()`select 1 from status_updates u join status_incidents i
			on i.id = u.status_incident_id where i.incident_id = ${incidentId}`;
		await expect(
			postPublicUpdate({ actor: owner }, incidentId, {
				phase: 'identified',
				body: 'x',
				affectedComponents: [theirs?.id ?? '']
			})
		).rejects.toMatchObject({ code: 'invalid' });
		const after = await db()`select 1 from status_updates u join status_incidents i
			on i.id = u.status_incident_id where i.incident_id = ${incidentId}`;
		expect(after).toHaveLength(before.length);
	});

	it('has status.json with the page and its indicator only', async () => {
		const status = JSON.parse(await read('/status/[slug]/api/v2/status.json'));
		expect(Object.keys(status).sort()).toEqual(['page', 'status']);
		expect(status.status.indicator).toBe('critical');
	});

	it('has an Atom feed with one entry per public update, and an RSS one', async () => {
		const parser = new XMLParser({
			ignoreAttributes: false,
			isArray: (n) => n === 'entry' || n === 'item'
		});
		const atom = parser.parse(await read('/status/[slug]/history.atom'));
		expect(atom.feed.entry).toHaveLength(2);
		expect(JSON.stringify(atom.feed.entry[0].title)).toContain('Payments unavailable');
		const rss = parser.parse(await read('/status/[slug]/history.rss'));
		expect(rss.rss.channel.item).toHaveLength(2);
	});

	it('never shows an internal note: not in the page, its JSON or its feeds', async () => {
		const bodies = [
			await read('/status/[slug]/api/v2/summary.json'),
			await read('/status/[slug]/history.atom'),
			await read('/status/[slug]/history.rss')
		];
		const page = await import('../../src/routes/status/[slug]/+page.server');
		forgetPublicStatus(slug);
		const data = await page.load({
			params: { slug },
			setHeaders: () => undefined,
			request: new Request('http://nightshift.test/')
		} as unknown as Parameters<typeof page.load>[0]);
		bodies.push(JSON.stringify(data));
		for (const body of bodies) {
			expect(body).not.toContain('INTERNAL-ONLY');
			expect(body).not.toContain('db01 disk'); // the internal title either
		}
		expect(bodies.join('')).toContain('A database server failed');
	});

	it('is cacheable and served without a session', async () => {
		forgetPublicStatus(slug);
		const answer = await call(endpoint('/status/[slug]/api/v2/summary.json'), {
			params: { slug }
		});
		expect(answer.status).toBe(200);
		const unknown = await call(endpoint('/status/[slug]/api/v2/summary.json'), {
			params: { slug: 'no-such-page-here' }
		});
		expect(unknown.status).toBe(404);
		const page = await call(view('/status/[slug]'), { params: { slug } });
		expect(page.status).toBe(200);
	});

	it('refuses a drill, a page never opened and a partner’s publish', async () => {
		const drill = await declareIncident({ actor: owner }, organizationId, {
			title: 'Rehearsal',
			severity: 'SEV3'
		});
		await db()`update incidents set mode = 'drill' where id = ${drill.result.incidentId}`;
		await expect(
			postPublicUpdate({ actor: owner }, drill.result.incidentId, {
				name: 'x',
				phase: 'investigating',
				body: 'x'
			})
		).rejects.toMatchObject({ code: 'conflict' });
		const viewer = await addMember(organizationId, 'viewer');
		await expect(
			postPublicUpdate({ actor: viewer }, incidentId, { phase: 'monitoring', body: 'x' })
		).rejects.toMatchObject({ code: 'forbidden' });
		const other = await newUser('Other');
		const otherOrg = await newOrganization(other);
		const theirs = await declareIncident({ actor: other }, otherOrg, {
			title: 'Other shop down',
			severity: 'SEV4'
		});
		await expect(
			postPublicUpdate({ actor: other }, theirs.result.incidentId, {
				name: 'x',
				phase: 'investigating',
				body: 'x'
			})
		).rejects.toMatchObject({ code: 'conflict' });
	});

	it('subscribes by double opt-in: a confirmation mail, then updates only once confirmed', async () => {
		const email = `customer-${Date.now()}@example.com`;
		await subscribe(slug, { email }, 'fr');
		await subscribe(slug, { email }, 'fr'); // a repeat mails nothing more
		const confirms = await db()<{ subject: string; text_body: string; locale: string }[]>`
			select subject, text_body, locale from mail_messages where recipient = ${email} and kind = 'status_confirm'`;
		expect(confirms).toHaveLength(1);
		expect(confirms[0]?.locale).toBe('fr');
		expect(confirms[0]?.subject).toContain('Confirmez');
		const token = /\/subscription\/([a-z0-9]+)/.exec(confirms[0]?.text_body ?? '')?.[1] ?? '';
		await postPublicUpdate({ actor: owner }, incidentId, {
			phase: 'monitoring',
			body: 'Watching.'
		});
		const before =
			await db()`select 1 from mail_messages where recipient = ${email} and kind = 'status_update'`;
		expect(before).toHaveLength(0);
		await confirmSubscription(slug, token);
		await postPublicUpdate({ actor: owner }, incidentId, { phase: 'resolved', body: 'Fixed.' });
		const updates = await db()<{ subject: string; text_body: string }[]>`
			select subject, text_body from mail_messages where recipient = ${email} and kind = 'status_update'`;
		expect(updates).toHaveLength(1);
		expect(updates[0]?.text_body).toContain('Fixed.');
		expect(updates[0]?.text_body).not.toContain('INTERNAL-ONLY');
	});

	it('queues the mails of many subscribers in one go, each with its own link and language', async () => {
		const count = 300;
		const tokens = Array.from(
			{ length: count },
			(_, i) => `tok${i}x${Date.now().toString(36)}abcdefghij`
		);
		await db()`
			insert into status_subscribers (organization_id, email, token_hash, confirmed_at,
				unsubscribe_token, locale)
			select ${organizationId}, 'bulk-' || n || '@example.com', decode(md5('t' || n || ${Date.now()}), 'hex'),
				now(), (${tokens}::text[])[n], case when n % 2 = 0 then 'fr' else 'en' end
			from generate_series(1, ${count}) n`;
		const started = performance.now();
		await postPublicUpdate({ actor: owner }, incidentId, {
			phase: 'monitoring',
			body: 'Bulk update.'
		});
		const elapsed = performance.now() - started;
		const mails = await db()<
			{ recipient: string; text_body: string; locale: string; subject: string }[]
		>`
			select recipient, text_body, locale, subject from mail_messages
			where recipient like 'bulk-%@example.com' and kind = 'status_update'`;
		expect(mails).toHaveLength(count);
		for (const mail of mails) {
			const n = Number(/bulk-(\d+)@/.exec(mail.recipient)?.[1]);
			expect(mail.text_body).toContain(`/subscription/${tokens[n - 1]}`);
			expect(mail.text_body).not.toMatch(/unsubscribe[A-Za-z0-9]{10,}/);
			expect(mail.locale).toBe(n % 2 === 0 ? 'fr' : 'en');
		}
		console.info(`${count} subscriber mails queued with the update in ${Math.round(elapsed)} ms`);
	});
});

describe('scheduled maintenances', () => {
	const HOUR = 60 * 60 * 1000;
	const at = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();
	let admin: Awaited<ReturnType<typeof newUser>>;
	let org: string;
	let page: string;
	let components: { id: string; name: string }[];
	let upcoming: string;
	let underWay: string;

	const summaryOf = async (now?: Date) => {
		forgetPublicStatus(page);
		const status = await readPublicStatus(page, db(), now);
		if (!status) throw new Error('no page');
		return { status, json: statuspageSummary(status, 'https://status.example') };
	};

	beforeAll(async () => {
		admin = await newUser('Nadia (DSI)');
		org = await newOrganization(admin);
		page = `maint-${Date.now().toString(36)}`;
		const a = await createItem({ actor: admin }, org, { hostname: 'pay01' });
		const b = await createItem({ actor: admin }, org, { hostname: 'cat01' });
		await saveStatusPage({ actor: admin }, org, {
			enabled: true,
			slug: page,
			title: 'Maintenance shop',
			components: [
				{ itemId: a.result.itemId, name: 'Payments' },
				{ itemId: b.result.itemId, name: 'Catalogue' }
			]
		});
		components = await db()<{ id: string; name: string }[]>`
			select id, name from status_components where organization_id = ${org} order by position`;
		const [payments, catalogue] = components;
		upcoming = (
			await scheduleMaintenance({ actor: admin }, org, {
				name: 'Database upgrade',
				body: 'Payments may be slow.',
				scheduledFor: at(24),
				scheduledUntil: at(26),
				components: [payments?.id]
			})
		).result.maintenanceId;
		// Started an hour ago by its window: in progress by the clock, with nobody's hand.
		underWay = (
			await scheduleMaintenance({ actor: admin }, org, {
				name: 'Search index rebuild',
				body: 'Search results may be incomplete.',
				scheduledFor: at(-1),
				scheduledUntil: at(2),
				components: [catalogue?.id]
			})
		).result.maintenanceId;
	});

	it('lists upcoming and under-way ones in summary.json, in Statuspage’s shape', async () => {
		const { json } = await summaryOf();
		const valid = validateSummary(json);
		expect(valid, ajv.errorsText(validateSummary.errors)).toBe(true);
		const listed = json.scheduled_maintenances;
		expect(listed.map((mt) => [mt.name, mt.status])).toEqual([
			['Search index rebuild', 'in_progress'],
			['Database upgrade', 'scheduled']
		]);
		expect(listed[0]?.components.map((c) => c.name)).toEqual(['Catalogue']);
		expect(listed[1]?.incident_updates[0]).toMatchObject({
			status: 'scheduled',
			body: 'Payments may be slow.'
		});
		expect(listed[1]?.scheduled_for).toBe(new Date(listed[1]?.scheduled_for ?? '').toISOString());
	});

	it('shows its components under maintenance while under way, and the page’s indicator', async () => {
		const { json } = await summaryOf();
		expect(json.components.map((c) => [c.name, c.status])).toEqual([
			['Payments', 'operational'],
			['Catalogue', 'under_maintenance']
		]);
		expect(json.status.indicator).toBe('maintenance');
		// A day later the clock moved the first one to in progress; three hours on, the second is over.
		const later = await summaryOf(new Date(Date.now() + 24.5 * HOUR));
		expect(later.json.scheduled_maintenances.map((mt) => [mt.name, mt.status])).toEqual([
			['Database upgrade', 'in_progress']
		]);
		expect(later.json.components.map((c) => c.status)).toEqual([
			'under_maintenance',
			'operational'
		]);
	});

	it('never hides an outage under a maintenance', async () => {
		const [, catalogue] = components;
		await db()`update status_components set state = 'major_outage' where id = ${catalogue?.id ?? ''}`;
		const { json } = await summaryOf();
		expect(json.components[1]?.status).toBe('major_outage');
		expect(json.status.indicator).toBe('critical');
		await db()`update status_components set state = 'operational' where id = ${catalogue?.id ?? ''}`;
	});

	it('moves on by hand, only forward, each change an event; a completed one is over', async () => {
		await updateMaintenance({ actor: admin }, org, underWay, {
			status: 'verifying',
			body: 'The index is rebuilt; checking results.'
		});
		await expect(
			updateMaintenance({ actor: admin }, org, underWay, { status: 'scheduled' })
		).rejects.toMatchObject({ code: 'conflict' });
		await updateMaintenance({ actor: admin }, org, underWay, { status: 'completed' });
		await expect(
			updateMaintenance({ actor: admin }, org, underWay, { body: 'Again' })
		).rejects.toMatchObject({ code: 'conflict' });
		const { json, status } = await summaryOf();
		expect(json.scheduled_maintenances.map((mt) => mt.name)).toEqual(['Database upgrade']);
		const done = status.maintenances.find((mt) => mt.id === underWay);
		expect(done?.updates.map((u) => u.status)).toEqual(['completed', 'verifying', 'scheduled']);
		const events = await db()<{ kind: string }[]>`
			select e.kind from events e where e.stream_id = ${org}
				and e.kind like 'status.maintenance_%' order by e.seq`;
		expect(events.map((e) => e.kind)).toEqual([
			'status.maintenance_scheduled',
			'status.maintenance_scheduled',
			'status.maintenance_updated',
			'status.maintenance_updated'
		]);
	});

	it('is in the feeds, one entry per message', async () => {
		forgetPublicStatus(page);
		const answer = await call(endpoint('/status/[slug]/history.atom'), { params: { slug: page } });
		const parser = new XMLParser({ ignoreAttributes: false, isArray: (n) => n === 'entry' });
		const atom = parser.parse(answer.body);
		const titles = atom.feed.entry.map((e: { title: unknown }) => JSON.stringify(e.title));
		expect(titles).toHaveLength(4);
		expect(titles.filter((t: string) => t.includes('Search index rebuild'))).toHaveLength(3);
	});

	it('refuses a window backwards or over, a component of another page, a viewer; changes nothing', async () => {
		const base = { name: 'x', body: 'y', components: [] };
		await expect(
			scheduleMaintenance({ actor: admin }, org, {
				...base,
				scheduledFor: at(3),
				scheduledUntil: at(2)
			})
		).rejects.toMatchObject({ code: 'invalid' });
		await expect(
			scheduleMaintenance({ actor: admin }, org, {
				...base,
				scheduledFor: at(-3),
				scheduledUntil: at(-2)
			})
		).rejects.toMatchObject({ code: 'invalid' });
		await expect(
			scheduleMaintenance({ actor: admin }, org, {
				...base,
				scheduledFor: at(1),
				scheduledUntil: at(2),
				components: [componentId]
			})
		).rejects.toMatchObject({ code: 'invalid' });
		const viewer = await addMember(org, 'viewer');
		await expect(
			scheduleMaintenance({ actor: viewer }, org, {
				...base,
				scheduledFor: at(1),
				scheduledUntil: at(2)
			})
		).rejects.toMatchObject({ code: 'forbidden' });
		const [row] = await db()<{ n: number }[]>`
			select count(*)::int as n from status_maintenances where organization_id = ${org}`;
		expect(row?.n).toBe(2);
	});

	it('is withdrawn when cancelled', async () => {
		await cancelMaintenance({ actor: admin }, org, upcoming);
		const { json } = await summaryOf();
		expect(json.scheduled_maintenances).toEqual([]);
	});
});
