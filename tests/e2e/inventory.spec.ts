import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { DSI, MERCHANT, signInAs } from './demo';
import { openOrganization } from './helpers';

test('an inventory CSV with one bad row is refused by line and field, and none of its rows is imported', async ({
	browser
}) => {
	const { context, page } = await signInAs(browser, DSI.email);
	const organizationId = await openOrganization(page, MERCHANT);
	const suffix = randomBytes(3).toString('hex');
	const good = [`cache01-${suffix}`, `cache02-${suffix}`];
	const bad = `cache03-${suffix}`;
	const csv = [
		'hostname,role,status,tags',
		`${good[0]},cache (Redis),up,shop-cluster`,
		`${bad},cache (Redis),sideways,shop-cluster`,
		`${good[1]},cache (Redis),down,shop-cluster`
	].join('\n');

	const inventory = `/orgs/${organizationId}/inventory`;
	await page.goto(inventory);
	const rows = page.getByTestId('inventory-table').locator('tbody tr');
	await expect(rows.filter({ hasText: 'lb01' })).toHaveCount(1);
	const itemsBefore = await rows.count();

	await page.getByRole('link', { name: 'Import' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Import items' })).toBeVisible();
	await page.getByLabel('File').setInputFiles({
		name: 'cache-servers.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(csv)
	});
	await page.getByRole('button', { name: 'Read the file' }).click();
	// The mapping step: known columns already chosen, the unknown status value left to choose.
	const mapping = page.getByTestId('import-mapping');
	await expect(mapping.getByLabel('status', { exact: true })).toHaveValue('status');
	await expect(mapping.getByTestId('import-statuses')).toContainText('sideways');
	await expect(mapping.getByLabel('sideways')).toHaveValue('');
	await mapping.getByRole('button', { name: 'Import 3 rows' }).click();

	const errors = page.getByTestId('import-errors');
	await expect(errors).toBeVisible();
	await expect(errors).toContainText('Nothing was imported.');
	// The header is line 1: the bad row is line 3, and the message names its field.
	await expect(errors.getByRole('listitem')).toHaveCount(1);
	await expect(errors.getByRole('listitem')).toHaveText(
		/^line 3, status: 'sideways' is not a status; use one of /
	);
	await expect(page.getByTestId('import-done')).toHaveCount(0);

	await page.goto(inventory);
	await expect(rows.filter({ hasText: 'lb01' })).toHaveCount(1);
	await expect(rows).toHaveCount(itemsBefore);
	for (const hostname of [...good, bad]) {
		await expect(page.getByRole('link', { name: hostname })).toHaveCount(0);
	}

	await context.close();
});
