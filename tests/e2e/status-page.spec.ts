import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { DSI, MERCHANT, openSev1Room, signInAs } from './demo';
import { openOrganization } from './helpers';

const SHOTS = process.env.SCREENSHOT_DIR ?? 'test-results/screenshots';

test('an admin opens the status page, a responder publishes an update, customers read it without JavaScript', async ({
	browser
}) => {
	const { context, page } = await signInAs(browser, DSI.email);
	const organizationId = await openOrganization(page, MERCHANT);
	await page.goto(`/orgs/${organizationId}/status-page`);
	await expect(page.getByRole('heading', { level: 1, name: 'Status page' })).toBeVisible();
	await page.getByLabel('Public (anyone with the address can read it)').check();
	await page.getByLabel('Address', { exact: true }).fill('petit-nuage');
	const rows = page.getByTestId('component-row');
	for (const [host, name] of [
		['lb01', 'Shop front'],
		['db01', 'Payment pages'],
		['idx01', 'Catalogue search']
	] as const) {
		const row = rows.filter({ hasText: host });
		await row.getByRole('checkbox').check();
		await row.getByLabel(`Public name ${host}`, { exact: true }).fill(name);
	}
	await rows
		.filter({ hasText: 'idx01' })
		.getByLabel('State idx01', { exact: true })
		.selectOption('degraded_performance');
	await page.getByRole('button', { name: 'Save the status page' }).click();
	await expect(page.getByText('Status page saved.')).toBeVisible();

	// A maintenance announced ahead, on the catalogue search, from the settings page.
	const schedule = page.locator('form[action="?/schedule"]');
	await schedule.getByLabel('Name').fill('Search index rebuild');
	await schedule
		.getByLabel('What your customers should know')
		.fill('Search may be slow for an hour while its index is rebuilt.');
	await schedule.getByLabel('Catalogue search').check();
	await schedule.getByRole('button', { name: 'Schedule the maintenance' }).click();
	await expect(page.getByText('Maintenance scheduled: it is on the public page.')).toBeVisible();

	await openSev1Room(page);
	// An internal note: it must never reach the public page.
	const internal = `Internal: NOC ticket RH-${Date.now()} says db01 RAID controller`;
	await page.getByPlaceholder('What happened, what was decided…').fill(internal);
	await page.getByRole('button', { name: 'Add', exact: true }).click();
	await expect(page.getByText(internal)).toBeVisible();
	await page.getByTestId('public-status').locator('summary').click();
	const composer = page.getByTestId('public-status');
	await composer.getByLabel('Public name of the incident').fill('Shop unavailable');
	await composer.getByLabel('Impact').selectOption('critical');
	await composer
		.getByLabel('Public update')
		.fill(
			'Our shop is unavailable. Our teams and our hosting provider are rebuilding the servers; we will post an update every hour.'
		);
	await composer.getByLabel('State of Payment pages').selectOption('major_outage');
	await composer.getByRole('button', { name: 'Publish the update' }).click();
	await expect(composer.getByRole('status')).toContainText('Published on the status page.');
	await page.goto(page.url());
	await page.getByTestId('public-status').locator('summary').click();
	await page.getByTestId('public-status').getByLabel('Phase').selectOption('identified');
	await page
		.getByTestId('public-status')
		.getByLabel('Public update')
		.fill('The cause is identified: a storage failure. Four of seven servers are rebuilt.');
	await page
		.getByTestId('public-status')
		.getByRole('button', { name: 'Publish the update' })
		.click();
	await expect(page.getByTestId('public-status').getByRole('status')).toBeVisible();
	await context.close();

	// A customer: no session, no JavaScript, a light theme.
	for (const [label, viewport] of [
		['desktop', { width: 1280, height: 900 }],
		['phone', { width: 375, height: 812 }]
	] as const) {
		const visitor = await browser.newContext({
			javaScriptEnabled: false,
			colorScheme: 'light',
			viewport
		});
		const publicPage = await visitor.newPage();
		const response = await publicPage.goto('/status/petit-nuage');
		expect(response?.headers()['cache-control']).toContain('public');
		await expect(publicPage.getByRole('heading', { level: 1, name: 'Petit Nuage' })).toBeVisible();
		await expect(publicPage.getByTestId('indicator')).toContainText('Major service outage');
		await expect(publicPage.getByTestId('component')).toHaveCount(3);
		await expect(publicPage.getByTestId('public-incident')).toContainText('Shop unavailable');
		await expect(publicPage.getByTestId('public-incident')).toContainText('storage failure');
		await expect(publicPage.locator('body')).not.toContainText(internal);
		const maintenance = publicPage.getByTestId('public-maintenance');
		await expect(maintenance).toContainText('Search index rebuild');
		await expect(maintenance).toContainText('Catalogue search');
		await expect(
			publicPage.locator('link[rel="alternate"][type="application/atom+xml"]')
		).toHaveAttribute('href', '/status/petit-nuage/history.atom');
		const html = (await response?.text()) ?? '';
		expect(html).not.toMatch(/<script\b/);
		mkdirSync(SHOTS, { recursive: true });
		await publicPage.screenshot({ path: `${SHOTS}/status-page-${label}.png`, fullPage: true });
		await visitor.close();
	}
});
