import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { DSI, MERCHANT, signInAs } from './demo';

test('an admin creates an API token, shown once; a script uses it; revoked, it stops working; the audit log shows it all and exports it', async ({
	browser
}) => {
	const dsi = await signInAs(browser, DSI.email);
	const { page } = dsi;
	await page.goto('/dashboard');
	await page.getByRole('link', { name: MERCHANT }).first().click();
	await page.waitForURL(/\/orgs\/[0-9a-f-]{36}$/);
	const organizationId = /\/orgs\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';

	await page.getByRole('link', { name: 'API tokens' }).click();
	const name = `Zabbix ${randomBytes(3).toString('hex')}`;
	await page.getByLabel('Name').fill(name);
	await page.getByLabel('Role').selectOption('viewer');
	await page.getByRole('button', { name: 'Create token' }).click();
	const secret = await page.getByTestId('token-secret').inputValue();
	expect(secret).toMatch(/^nst_/);

	const api = `/api/v1/orgs/${organizationId}/inventory`;
	const headers = { authorization: `Bearer ${secret}` };
	const used = await page.request.get(api, { headers });
	expect(used.status()).toBe(200);
	expect((await used.json()).items.length).toBeGreaterThan(0);

	await page.reload();
	await expect(page.getByTestId('token-secret')).toHaveCount(0);
	const row = page.getByTestId('tokens').getByRole('row').filter({ hasText: name });
	await expect(row).not.toContainText('never');
	await row.getByRole('button', { name: `Revoke the token ${name}` }).click();
	await expect(row).toContainText('revoked');
	expect((await page.request.get(api, { headers })).status()).toBe(401);

	await page.goto(`/orgs/${organizationId}`);
	await page.getByRole('link', { name: 'Audit log' }).click();
	await page.getByLabel('Category').selectOption('tokens');
	await page.getByRole('button', { name: 'Filter' }).click();
	const audit = page.getByTestId('audit');
	await expect(audit).toContainText(`API token “${name}” created (viewer)`);
	await expect(audit).toContainText(`API token “${name}” revoked`);

	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('audit-export').click()
	]);
	const csv = await readFile((await download.path()) ?? '', 'utf8');
	expect(csv.split('\r\n')[0]).toBe('time,actor,actor_id,address,source,kind,incident,details');
	expect(csv).toContain('token.revoked');
	expect(csv).not.toContain('member.role_changed');
	await dsi.context.close();
});

test('an API token given an expiry date shows it on the tokens page; a past date is refused', async ({
	browser
}) => {
	const dsi = await signInAs(browser, DSI.email);
	const { page } = dsi;
	await page.goto('/dashboard');
	await page.getByRole('link', { name: MERCHANT }).first().click();
	await page.waitForURL(/\/orgs\/[0-9a-f-]{36}$/);
	await page.getByRole('link', { name: 'API tokens' }).click();

	const name = `Monthly ${randomBytes(3).toString('hex')}`;
	await page.getByLabel('Name').fill(name);
	await page.getByLabel('Expires').fill('2020-01-12');
	await page.getByRole('button', { name: 'Create token' }).click();
	await expect(page.getByRole('alert')).toContainText('Choose an expiry in the future.');
	await expect(page.getByTestId('token-secret')).toHaveCount(0);

	const day = new Date(Date.now() + 40 * 86_400_000);
	const iso = day.toISOString().slice(0, 10);
	const shown = new Intl.DateTimeFormat('en-GB', {
		timeZone: 'UTC',
		day: 'numeric',
		month: 'short',
		year: 'numeric'
	}).format(new Date(`${iso}T12:00:00Z`));
	await page.getByLabel('Name').fill(name);
	await page.getByLabel('Expires').fill(iso);
	await page.getByRole('button', { name: 'Create token' }).click();
	await expect(page.getByTestId('token-secret')).toHaveValue(/^nst_/);
	await page.reload();
	const row = page.getByTestId('tokens').getByRole('row').filter({ hasText: name });
	await expect(row.getByTestId('token-expiry')).toHaveText(`expires ${shown}`);
});
