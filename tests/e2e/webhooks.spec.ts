import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import {
	newOrganizationName,
	newPerson,
	openOrganization,
	signUpWithOrganization
} from './helpers';

/** A receiver on loopback (the e2e server allows 127.0.0.1): `fail` answers 503 with a body. */
async function receiver(fail: boolean) {
	let received = 0;
	const server = createServer((req, res) => {
		req.resume();
		req.on('end', () => {
			received += 1;
			if (fail) res.writeHead(503, { 'content-type': 'text/plain' }).end('Maintenance until 03:00');
			else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/hooks`,
		count: () => received,
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

test('an admin adds webhook endpoints, sees the secret once, reads the delivery log and redelivers', async ({
	page
}) => {
	const ok = await receiver(false);
	const down = await receiver(true);
	const organization = newOrganizationName();
	await signUpWithOrganization(page, newPerson('Admin'), organization);
	const organizationId = await openOrganization(page, organization);
	await page.getByRole('link', { name: 'Webhooks' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeVisible();

	const add = async (name: string, url: string, count: number) => {
		const form = page.getByRole('region', { name: 'Add an endpoint' });
		await form.getByLabel('Name').fill(name);
		await form.getByLabel('Address').fill(url);
		await form.getByLabel('Incident lifecycle').check();
		await form.getByLabel('Timeline').check();
		await form.getByRole('button', { name: 'Add endpoint' }).click();
		await expect(page.getByTestId('hook')).toHaveCount(count);
		await expect(page.getByTestId('hook-created')).toContainText(name);
		await expect(page.getByTestId('hook-secret')).toHaveValue(/^whsec_/);
	};
	await add('SIEM', ok.url, 1);
	await add('Ticketing', down.url, 2);
	// Shown once: reloading the page does not show it again.
	await page.reload();
	await expect(page.getByTestId('hook-secret')).toHaveCount(0);
	await expect(page.getByTestId('hook')).toHaveCount(2);

	const title = `Checkout down ${randomBytes(3).toString('hex')}`;
	await page.goto('/incidents/new');
	await page.getByLabel('Title').fill(title);
	await page.getByRole('button', { name: 'Declare an incident' }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();

	await page.goto(`/orgs/${organizationId}/webhooks`);
	await page.getByRole('link', { name: 'SIEM' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'SIEM' })).toBeVisible();
	const log = page.getByTestId('deliveries');
	await expect(async () => {
		await page.reload();
		await expect(log.getByText('✓ delivered')).toBeVisible({ timeout: 1000 });
	}).toPass({ timeout: 30_000 });
	await log.getByRole('button', { name: 'Redeliver' }).first().click();
	await expect.poll(() => ok.count(), { timeout: 30_000 }).toBe(2);

	await page.goto(`/orgs/${organizationId}/webhooks`);
	await page.getByRole('link', { name: 'Ticketing' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Ticketing' })).toBeVisible();
	await expect(async () => {
		await page.reload();
		await expect(log.getByText('↻ retrying')).toBeVisible({ timeout: 1000 });
	}).toPass({ timeout: 30_000 });
	await expect(log.getByText('Maintenance until 03:00')).toBeVisible();
	await expect(page.getByTestId('hook-state')).toContainText('failing');

	for (const width of [1280, 375]) {
		await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
		await page.screenshot({ path: `docs/screenshots/webhook-log-${width}.png`, fullPage: true });
	}
	// At 375 px nothing is wider than the screen.
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);

	await page.getByRole('button', { name: 'Turn off' }).click();
	await expect(page.getByTestId('hook-state')).toContainText('off');
	await ok.close();
	await down.close();
});
