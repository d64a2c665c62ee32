import { expect, test } from '@playwright/test';
import { acceptInvitation, DSI, HOSTER_ADMIN, MERCHANT, runStep, signInAs } from './demo';

const TEMPLATE = 'Rebuild the shop cluster overnight';
// The earlier drill of the same template the demo seeds (ten days ago).
const SEEDED_DRILL = 'Drill: rebuild the shop cluster overnight';

test('a drill started from the demo template ends with a scorecard against the earlier drill', async ({
	browser
}) => {
	const { page, context } = await signInAs(browser, DSI.email);
	await page.getByRole('link', { name: MERCHANT, exact: true }).first().click();
	await page.waitForURL(/\/orgs\/[0-9a-f-]{36}$/);
	const organization = /\/orgs\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
	await page.goto(`/orgs/${organization}/templates`);
	await page.getByRole('link', { name: TEMPLATE }).click();
	await page.getByTestId('start-drill').click();
	await page.waitForURL(/\/drill$/);

	// Both organizations are invited by default; a title of its own tells it from the seeded one.
	await expect(page.getByRole('checkbox', { name: /Rempart Hosting/ })).toBeChecked();
	await page.getByLabel('Title').fill('Drill: e2e rehearsal of the rebuild');
	await page.getByRole('button', { name: 'Start a drill' }).click();
	await expect(page).toHaveURL(/\/incidents\/[0-9a-f-]{36}$/);
	const room = page.url();
	// Rempart takes part once its admin accepts the drill's invitation.
	const hoster = await signInAs(browser, HOSTER_ADMIN.email);
	await acceptInvitation(hoster.page, 'Drill: e2e rehearsal of the rebuild');
	await hoster.context.close();

	// The ordinary room, marked as a drill, with the template's runbook running.
	await expect(page.getByTitle('A rehearsal: not a real outage').first()).toHaveText('⚑ Drill');
	await expect(page.getByRole('heading', { level: 1, name: 'Drill: e2e rehearsal' })).toBeVisible();
	const declare = runStep(page, 'Declare the incident and open the room');
	await declare.getByRole('button', { name: 'Start' }).click();
	await declare.getByRole('button', { name: 'Done', exact: true }).click();
	await expect(declare.getByTitle('Done', { exact: true })).toBeVisible();

	// The drill ends from its scorecard.
	await page.getByTestId('scorecard-link').click();
	await page.getByRole('button', { name: 'End the drill' }).click();
	await expect(page.getByRole('button', { name: 'End the drill' })).toHaveCount(0);

	const total = page.getByTestId('scorecard-total');
	await expect(total).toContainText('Against the plan');
	await expect(page.getByTestId('against-previous')).toContainText(SEEDED_DRILL);
	const trend = page.getByTestId('trend');
	await expect(trend.getByRole('listitem')).toHaveCount(2);
	await expect(trend.getByRole('listitem').first()).toContainText(SEEDED_DRILL);
	await expect(trend.getByRole('listitem').last()).toContainText('this drill');
	await expect(trend.locator('svg rect[x]')).toHaveCount(2);
	// Phase by phase: this drill only got through the first step, the earlier one did them all.
	const mobilise = page.getByTestId('phases').getByRole('row', { name: /Mobilise/ });
	await expect(mobilise).toContainText('unfinished');
	await expect(page.getByTestId('mobilise')).toContainText('Rempart Hosting');

	// A drill never counts as a real incident on the dashboard.
	await page.goto('/dashboard');
	await expect(page.getByTestId('incident-figures')).toContainText('Drills');
	await page.goto(room);
	await expect(page.getByTestId('incident-status')).toHaveText(/resolved/i);
	await context.close();
});
