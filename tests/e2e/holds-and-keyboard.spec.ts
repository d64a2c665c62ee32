import { randomBytes } from 'node:crypto';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { acceptInvitation, DSI, HOSTER, HOSTER_ADMIN, MERCHANT, runStep, signInAs } from './demo';

const TEMPLATE = 'Rebuild the shop cluster overnight';
const DECLARE = 'Declare the incident and open the room';

/** Starts a drill of the demo template as the DSI, with Rempart Hosting invited; its room URL. */
async function startDrill(page: Page, title: string): Promise<string> {
	await page.getByRole('link', { name: MERCHANT, exact: true }).first().click();
	await page.waitForURL(/\/orgs\/[0-9a-f-]{36}$/);
	const organization = /\/orgs\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
	await page.goto(`/orgs/${organization}/templates`);
	await page.getByRole('link', { name: TEMPLATE }).click();
	await page.getByTestId('start-drill').click();
	await page.waitForURL(/\/drill$/);
	await page.getByLabel('Title').fill(title);
	await page.getByRole('button', { name: 'Start a drill' }).click();
	await expect(page).toHaveURL(/\/incidents\/[0-9a-f-]{36}$/);
	return page.url();
}

/** Presses Tab until the target has the focus: the keyboard alone, as a person would. */
async function tabTo(page: Page, target: Locator, limit = 80): Promise<void> {
	for (let i = 0; i < limit; i++) {
		await page.keyboard.press('Tab');
		if (await target.evaluate((el) => el === document.activeElement)) return;
	}
	throw new Error(`Tab never reached ${target}`);
}

const focusedStepId = (page: Page) =>
	page.evaluate(
		() => (document.activeElement?.closest('[data-step-id]') as HTMLElement | null)?.dataset.stepId
	);

test('resuming a step someone else put on hold asks first, says whose hold it was, and the timeline records it; the keyboard alone finishes it and the focus stays on the step', async ({
	browser
}) => {
	const title = `Drill: holds ${randomBytes(3).toString('hex')}`;
	const dsi = await signInAs(browser, DSI.email);
	const room = await startDrill(dsi.page, title);
	// Rempart takes part in the drill once its admin accepts the invitation.
	const admin = await signInAs(browser, HOSTER_ADMIN.email);
	await acceptInvitation(admin.page, title);
	await admin.context.close();
	const declare = runStep(dsi.page, DECLARE);
	await declare.getByRole('button', { name: 'Start' }).click();
	await declare.getByText('More', { exact: true }).click();
	const block = declare
		.locator('form')
		.filter({ has: dsi.page.getByRole('button', { name: 'Blocked…' }) });
	await block.getByLabel('Why?').fill('Waiting for the payment provider to answer');
	await block.getByRole('button', { name: 'Blocked…' }).click();
	await expect(declare.getByTitle('Blocked', { exact: true })).toBeVisible();
	// The strip at the top says what is blocked, by whom and why.
	await expect(dsi.page.getByTestId('now-strip')).toContainText(
		`${DSI.name}: Waiting for the payment provider to answer`
	);

	const hoster = await signInAs(browser, HOSTER.email);
	const page = hoster.page;
	await page.goto(room);
	const step = runStep(page, DECLARE);
	const stepId = await step.getAttribute('data-step-id');
	await expect(step.getByTitle('Blocked', { exact: true })).toBeVisible();

	await tabTo(page, page.getByRole('link', { name: 'Skip to the runbook' }));
	await page.keyboard.press('Enter');
	await tabTo(page, step.getByRole('button', { name: 'Resume' }));
	await page.keyboard.press('Enter');
	const confirm = step.getByRole('alert').filter({ hasText: 'Resume it anyway?' });
	await expect(confirm).toContainText(`${DSI.name} put this step on hold at`);
	await expect(confirm).toContainText('Waiting for the payment provider to answer');
	// Nothing changed yet, and the focus is on the confirmation.
	await expect(step.getByTitle('Blocked', { exact: true })).toBeVisible();
	await expect(step.getByRole('button', { name: 'Resume anyway' })).toBeFocused();
	await page.keyboard.press('Enter');

	await expect(step.getByTitle('In progress', { exact: true })).toBeVisible();
	const done = step.getByRole('button', { name: 'Done', exact: true });
	await expect(done).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(step.getByTitle('Done', { exact: true })).toBeVisible();
	await expect.poll(() => focusedStepId(page)).toBe(stepId);

	await expect(
		dsi.page.getByText(`lifting the hold ${DSI.name} had put on it`).first()
	).toBeVisible();
	await hoster.context.close();
	await dsi.context.close();
});
