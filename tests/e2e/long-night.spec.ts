import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { newOrganizationName, newPerson, signUpWithOrganization } from './helpers';

/** Declares an incident of a new organization; returns the room's path. */
async function declare(page: Page): Promise<string> {
	await signUpWithOrganization(page, newPerson('Owner'), newOrganizationName());
	const title = `Long night ${randomBytes(3).toString('hex')}`;
	await page.goto('/incidents/new');
	await page.getByLabel('Title').fill(title);
	await page.getByRole('button', { name: 'Declare an incident' }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	return new URL(page.url()).pathname;
}

// Answers under 1 KB go out plain (the middleware's threshold: compressing them would not pay),
// so the timeline gets a few entries first. That threshold, not server.js, is why the first run
// of this test saw no Content-Encoding: it failed on a new incident's 453-byte timeline.
test('the room, its data and the JSON API are served compressed when the browser accepts it, and plain when not', async ({
	page
}) => {
	const room = await declare(page);
	const request = page.context().request;
	const origin = new URL(page.url()).origin;
	for (let i = 1; i <= 5; i++) {
		const note = await request.post(`/api/v1${room}/notes`, {
			headers: { origin },
			data: { text: `Checked the load balancer's pool, step ${i} of the night`, kind: 'note' }
		});
		expect(note.status()).toBe(201);
	}
	for (const path of [room, `${room}/__data.json`, `/api/v1${room}/timeline`]) {
		const compressed = await request.get(path, { headers: { 'accept-encoding': 'br, gzip' } });
		expect(compressed.status()).toBe(200);
		expect(compressed.headers()['content-encoding']).toMatch(/^(br|gzip)$/);
		expect(compressed.headers()['vary']).toMatch(/accept-encoding/i);
		const gzip = await request.get(path, { headers: { 'accept-encoding': 'gzip' } });
		expect(gzip.headers()['content-encoding']).toBe('gzip');
		const plain = await request.get(path, { headers: { 'accept-encoding': 'identity' } });
		expect(plain.headers()['content-encoding']).toBeUndefined();
		expect(await plain.text()).toContain('Long night');
	}
	// A static asset is its precompressed file (a known length), not compressed on the fly.
	const html = await (await request.get(room)).text();
	const asset = /_app\/immutable\/entry\/start\.[\w-]+\.js/.exec(html)?.[0];
	expect(asset).toBeTruthy();
	const script = await request.get(`/${asset}`, { headers: { 'accept-encoding': 'br, gzip' } });
	expect(script.headers()['content-encoding']).toBe('br');
	expect(Number(script.headers()['content-length'])).toBeGreaterThan(0);
});

test('a room with more entries than one page shows the newest, says it is partial, and loads earlier ones on demand', async ({
	page
}) => {
	const room = await declare(page);
	const request = page.context().request;
	const origin = new URL(page.url()).origin;
	for (let i = 1; i <= 104; i++) {
		const response = await request.post(`/api/v1${room}/notes`, {
			headers: { origin },
			data: { text: `Entry ${i}`, kind: 'note' }
		});
		expect(response.status()).toBe(201);
	}
	await page.goto(room);
	const timeline = page.getByTestId('timeline');
	await expect(timeline.getByRole('listitem')).toHaveCount(100);
	await expect(timeline.getByRole('listitem').first()).toContainText('Entry 104');
	await expect(page.getByTestId('timeline-count')).toHaveText(
		'The newest 100 of 105 entries: earlier ones load below.'
	);
	await expect(timeline.getByText('Entry 4', { exact: true })).toHaveCount(0);

	await page.getByRole('link', { name: 'Earlier entries' }).click();
	await expect(timeline.getByRole('listitem')).toHaveCount(105);
	await expect(timeline.getByRole('listitem').last()).toContainText('declared');
	await expect(page.getByTestId('timeline-count')).toHaveText('Entries: 105, all shown.');
	await expect(page.getByRole('link', { name: 'Earlier entries' })).toHaveCount(0);

	// A filter is applied by the server: only the incident's own events.
	await page.getByLabel('Filter by kind').selectOption({ label: 'Incident status' });
	await expect(timeline.getByRole('listitem')).toHaveCount(1);
	await expect(page.getByTestId('timeline-count')).toHaveText('Entries: 1, all shown.');
});
