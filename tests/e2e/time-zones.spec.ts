import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { newOrganizationName, newPerson, signUpWithOrganization } from './helpers';

test("a responder in Tokyo reads a New York incident's room in their own zone, labelled, and switches to the incident's zone with one click", async ({
	browser
}) => {
	const context = await browser.newContext({ timezoneId: 'America/New_York' });
	const page = await context.newPage();
	await signUpWithOrganization(page, newPerson('Remote'), newOrganizationName());
	const title = `Checkout errors ${randomBytes(3).toString('hex')}`;
	await page.goto('/incidents/new');
	await page.getByLabel('Title').fill(title);
	await page.getByRole('button', { name: 'Declare an incident' }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	const room = page.url();
	// The incident keeps the zone it was declared in; its responder then works from Tokyo.
	await page.goto('/account');
	await page.getByLabel('Timezone').selectOption('Asia/Tokyo');
	await Promise.all([
		page.waitForResponse((r) => r.url().includes('/account?/profile') && r.ok()),
		page.getByRole('button', { name: 'Save', exact: true }).click()
	]);
	await page.goto(room);

	const zone = page.getByTestId('time-zone');
	await expect(zone).toContainText('Times in GMT+9 (your time)');
	const firstEntry = page.getByTestId('timeline').locator('li time').last();
	const inMyZone = await firstEntry.innerText();
	await zone.getByRole('button', { name: /Show the incident's time \(GMT-[45]\)/ }).click();
	await expect(zone).toContainText(/Times in GMT-[45] \(the incident's time\)/);
	await expect(firstEntry).not.toHaveText(inMyZone);

	// The choice is the reader's: it holds on the next page load.
	await page.reload();
	await expect(page.getByTestId('time-zone')).toContainText(/Times in GMT-[45]/);
	await page
		.getByTestId('time-zone')
		.getByRole('button', { name: /Show my time/ })
		.click();
	await expect(page.getByTestId('time-zone')).toContainText('your time');
	await context.close();
});
