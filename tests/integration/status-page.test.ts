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
		components: [{ componentId, state: 'major_outage' }]
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
});
